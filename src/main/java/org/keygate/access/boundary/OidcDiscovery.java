package org.keygate.access.boundary;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The identity provider's discovery document ({@code <issuer>/.well-known/openid-configuration}) and
 * the documents it points to, for what Keygate does itself rather than through Jakarta Security: the
 * API's bearer-token keys ({@code jwks_uri}) and RP-initiated logout ({@code end_session_endpoint}).
 * Fetched on first use and kept once it was read; a failed fetch is tried again on the next use.
 */
@ApplicationScoped
public class OidcDiscovery {

    @Inject
    OidcSettings oidc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile JsonObject document;

    /** The discovery document (fetched once). */
    public JsonObject document() throws Exception {
        JsonObject known = document;
        if (known == null) {
            try (var reader = Json.createReader(new StringReader(fetch(oidc.getProviderUri() + "/.well-known/openid-configuration")))) {
                known = reader.readObject();
            }
            document = known;
        }
        return known;
    }

    /** The {@code end_session_endpoint}, when the IdP publishes one (and can be reached now). */
    public Optional<String> endSessionEndpoint() {
        try {
            return document().get("end_session_endpoint") instanceof JsonString s && !s.getString().isBlank()
                    ? Optional.of(s.getString()) : Optional.empty();
        } catch (Exception unreachable) {
            return Optional.empty();
        }
    }

    /** The body of a 200 answer to a GET of {@code uri}. */
    public String fetch(String uri) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode());
        }
        return answer.body();
    }
}
