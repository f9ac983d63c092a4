package org.keygate.gateway.control;

import java.math.BigDecimal;

import jakarta.json.stream.JsonParser;

/**
 * The few value readers every gateway request parser shares ({@link ChatRequest} and the
 * {@link Endpoint} parsers): each either answers a typed value or refuses with 400
 * {@code invalid_request} naming the field, so hostile input never becomes a 500.
 */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Consumes the value whose first event was {@code value} (a no-op for scalars), event by
     * event. Not {@code JsonParser.skipObject/skipArray}: Parsson's skipping loops forever on some
     * malformed input (e.g. {@code [1,}}), which would let one request pin a thread.
     */
    static void skip(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT && value != JsonParser.Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                }
            }
        }
    }

    static boolean bool(JsonParser.Event v, String field) {
        if (v == JsonParser.Event.VALUE_NULL || v == JsonParser.Event.VALUE_FALSE) {
            return false;
        }
        if (v == JsonParser.Event.VALUE_TRUE) {
            return true;
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be true or false", field);
    }

    /** A positive int, or null for JSON null. */
    static Integer positive(JsonParser parser, JsonParser.Event v, String field) {
        return positive(parser, v, field, Integer.MAX_VALUE);
    }

    /** A positive int up to {@code max}, or null for JSON null. */
    static Integer positive(JsonParser parser, JsonParser.Event v, String field, int max) {
        if (v == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (v == JsonParser.Event.VALUE_NUMBER && parser.isIntegralNumber()) {
            BigDecimal n = parser.getBigDecimal();
            if (n.signum() > 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return n.intValueExact();
            }
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be a positive integer"
                + (max == Integer.MAX_VALUE ? "" : " of at most " + max), field);
    }

    /** {@code stream_options.include_usage}: true only when it is JSON true; other shapes are the upstream's to judge. */
    static boolean includeUsage(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT) {
            skip(parser, value);
            return false;
        }
        boolean include = false;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
            String field = parser.getString();
            JsonParser.Event v = parser.next();
            if ("include_usage".equals(field)) {
                include = v == JsonParser.Event.VALUE_TRUE;
            }
            skip(parser, v);
        }
        return include;
    }

    static GatewayException notJson() {
        return new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
    }

    static GatewayException required(String field, String what) {
        return new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' is required and must be " + what, field);
    }
}
