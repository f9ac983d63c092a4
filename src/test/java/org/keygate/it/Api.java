package org.keygate.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * A small black-box client of the management API for {@code @RunAsClient} tests: real HTTP with
 * {@link HttpClient}, HTTP Basic as one user, JSON-P to read the answers. Every exchange is held
 * against the OpenAPI document ({@link ApiContract}).
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;
    private final boolean contract;

    private Api(URI base, String authorization) {
        this(base, authorization, true);
    }

    private Api(URI base, String authorization, boolean contract) {
        this.base = base;
        this.authorization = authorization;
        this.contract = contract;
    }

    /**
     * The same client without the contract check, for probes of a server that is still starting
     * (the container answers its own 404 until the WAR is deployed).
     */
    public Api probing() {
        return new Api(base, authorization, false);
    }

    /** The deployment's root, always on 127.0.0.1 whatever address the adapter reports. */
    public static Api at(URL deployment) {
        String path = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        String root = "http://127.0.0.1:" + deployment.getPort() + path;
        return new Api(URI.create(root), null);
    }

    public Api as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api(base, "Basic " + token, contract);
    }

    /** The same client with any {@code Authorization} header value (e.g. a bearer token). */
    public Api withAuthorization(String value) {
        return new Api(base, value, contract);
    }

    public Api asAdmin() {
        return as("admin", Deployments.ADMIN_PASSWORD);
    }

    public Api anonymous() {
        return new Api(base, null, contract);
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Resp get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Resp post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Resp post(String path, String json, Map<String, String> headers) {
        return send("POST", path, json, headers);
    }

    public Resp patch(String path, String json) {
        return send("PATCH", path, json, Map.of());
    }

    public Resp delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Resp send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
            if (contract) {
                ApiContract.get().check(sent, json, response);
            }
            return new Resp(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response, response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A unique suffix so every test makes its own data. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Resp(int status, String contentType, HttpResponse<String> raw, String body) {

        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        public String str(String field) {
            JsonObject o = json();
            return o.isNull(field) ? null : o.getString(field);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        /** The field a problem+json answer names, or null. */
        public String problemField() {
            JsonObject o = json();
            return o.containsKey("field") && o.get("field").getValueType() != JsonValue.ValueType.NULL
                    ? o.getString("field") : null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
