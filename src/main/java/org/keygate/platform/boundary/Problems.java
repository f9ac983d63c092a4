package org.keygate.platform.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem+json bodies: {@code type}, {@code title}, {@code status}, {@code detail}, a
 * stable {@code code} and, for bad input, the {@code field} at fault. Built with JSON-P so the
 * answer is the same on every server whatever JSON-B provider it runs.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static String body(int status, String code, String field, String detail, String correlationId) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "urn:keygate:problem:" + code)
                .add("title", title(status))
                .add("status", status)
                .add("code", code);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (field != null) {
            json.add("field", field);
            json.add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("field", field).add("message", detail == null ? "invalid" : detail)));
        }
        if (correlationId != null) {
            json.add("correlation_id", correlationId);
        }
        return json.build().toString();
    }

    public static Response response(int status, String code, String field, String detail, String correlationId) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(body(status, code, field, detail, correlationId)).build();
    }

    public static void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = body(status, code, null, detail, null).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            default -> "Error";
        };
    }

    /** The stable {@code code} of an answer the container or the JAX-RS runtime gave by status alone. */
    public static String codeOf(int status) {
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
