package org.keygate.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A POST, PUT or PATCH without a body and without {@code Content-Type} (e.g. {@code POST
 * /api/v1/keys/{id}/rotate} with nothing to say) is read as an empty JSON body: the
 * {@link JsonRequestReader} then turns it into an empty {@link OptionalBody} request, or refuses
 * it with 400 where a body is required. Without this the servers disagree: RESTEasy (WildFly)
 * answers 415 because nothing matches {@code @Consumes(application/json)}, Jersey (Payara) calls
 * the method with a null request. A request with a body still needs a JSON {@code Content-Type}.
 */
@Provider
@PreMatching
public class EmptyBodyFilter implements ContainerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getMediaType() != null || !WITH_BODY.contains(request.getMethod())) {
            return;
        }
        InputStream entity = request.getEntityStream();
        if (entity != null) {
            PushbackInputStream peek = new PushbackInputStream(entity, 1);
            int first = peek.read();
            if (first != -1) {
                peek.unread(first);
                request.setEntityStream(peek);
                return;
            }
            request.setEntityStream(InputStream.nullInputStream());
        }
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
}
