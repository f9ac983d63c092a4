package org.keygate.gateway.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Token counts of one call as an OpenAI-compatible upstream reports them in {@code usage}:
 * {@code prompt_tokens} (cached ones included), {@code completion_tokens} (reasoning included).
 */
public record Usage(long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The {@code usage} object of a response or final stream chunk, or null when there is none. */
    public static Usage from(JsonObject body) {
        JsonValue usage = body.get("usage");
        if (!(usage instanceof JsonObject u)) {
            return null;
        }
        return new Usage(number(u, "prompt_tokens"), number(u, "completion_tokens"),
                nested(u, "prompt_tokens_details", "cached_tokens"),
                nested(u, "completion_tokens_details", "reasoning_tokens"));
    }

    private static long nested(JsonObject u, String object, String field) {
        JsonValue details = u.get(object);
        return details instanceof JsonObject d ? number(d, field) : 0;
    }

    private static long number(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v instanceof JsonNumber n ? Math.max(0, n.longValue()) : 0;
    }
}
