package org.keygate.platform.boundary;

import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A URL whose path or query holds a control character ({@code %00}: PostgreSQL refuses to store
 * or compare one, and the failed statement would abort the whole transaction into a 500) or a
 * malformed {@code Content-Type} or {@code Accept} header, or a {@code Content-Type} that is a
 * wildcard or a JSON patch format (RESTEasy takes {@code *}{@code /*} on a PATCH for a JSON Patch) ({@code Accept: *}{@code /*;q=x}) is
 * the client's mistake: 400 problem+json {@code bad_request} naming the header, before anything
 * else reads it. Without this the servers disagree — RESTEasy (WildFly) fails while matching the
 * resource with an exception of its own, which surfaced as a 500, Jersey (Payara) answers 400.
 * A query parameter given twice is refused too (400 {@code invalid_input} naming it): every one
 * of this API takes a single value, and the servers would silently use the first.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class MalformedRequestFilter implements ContainerRequestFilter {

    /**
     * JSON Patch and JSON Merge Patch: RESTEasy would apply them itself (reading the resource first),
     * Jersey not at all; a PATCH here is a plain JSON object of the fields to change.
     */
    private static final java.util.Set<String> PATCH_FORMATS = java.util.Set.of("application/json-patch+json",
            "application/merge-patch+json");

    /** A media range's type and subtype: RFC 9110 tokens, or {@code *}. */
    private static final Pattern RANGE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** An HTTP quality value: 0 to 1 with at most three decimals. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    @Override
    public void filter(ContainerRequestContext request) {
        var query = request.getUriInfo().getQueryParameters(true);
        if (hasControl(request.getUriInfo().getPath(true)) || query.entrySet().stream()
                .anyMatch(e -> hasControl(e.getKey()) || e.getValue().stream().anyMatch(MalformedRequestFilter::hasControl))) {
            request.abortWith(Problems.response(400, "bad_request", null, "the URL holds a control character", null));
            return;
        }
        for (var parameter : query.entrySet()) {
            if (parameter.getValue().size() > 1) {
                request.abortWith(Problems.response(400, "invalid_input", parameter.getKey(), "is given more than once;"
                        + " every query parameter of this API takes one value", null));
                return;
            }
        }
        String header = "Content-Type";
        try {
            MediaType type = request.getMediaType();
            if (type != null && (type.isWildcardType() || type.isWildcardSubtype() || PATCH_FORMATS.contains(
                    type.getType().toLowerCase(java.util.Locale.ROOT) + "/" + type.getSubtype().toLowerCase(java.util.Locale.ROOT)))) {
                request.abortWith(Problems.response(415, "unsupported_media_type", null, "the body must be sent as"
                        + " Content-Type: application/json", null));
                return;
            }
            header = "Accept";
            request.getAcceptableMediaTypes();
            String accept = request.getHeaderString("Accept");
            if (accept != null && !acceptable(accept)) {
                throw new IllegalArgumentException("Accept");
            }
        } catch (RuntimeException e) {
            request.abortWith(Problems.response(400, "bad_request", null, "the " + header + " header is malformed", null));
        }
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Every media range is {@code type/subtype} and every {@code q} a quality value (RESTEasy only checks them while matching). */
    static boolean acceptable(String accept) {
        for (String range : accept.split(",")) {
            if (range.isBlank()) {
                continue;
            }
            String[] parts = range.split(";");
            if (!RANGE.matcher(parts[0].strip()).matches()) {
                return false;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].split("=", 2);
                if (parameter[0].strip().equalsIgnoreCase("q")
                        && (parameter.length < 2 || !QVALUE.matcher(parameter[1].strip()).matches())) {
                    return false;
                }
            }
        }
        return true;
    }
}
