package org.keygate.gateway.control;

import java.math.BigDecimal;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Token counts of one call as an OpenAI-compatible upstream reports them in {@code usage}:
 * {@code prompt_tokens} (cached ones included), {@code completion_tokens} (reasoning included) —
 * or, from the Responses API, {@code input_tokens} and {@code output_tokens} with their details;
 * from Anthropic's Messages API ({@link #fromMessage}) the input is {@code input_tokens} plus both
 * cache counts, the cache reads being the cached ones.
 * A count too large to be true (past {@link RelayedRequest#MAX_OUTPUT_BOUND}) makes the usage
 * unreadable, so the call is billed at its reservation instead of at a wrapped-around number.
 */
public record Usage(long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    private static final BigDecimal MAX = BigDecimal.valueOf(RelayedRequest.MAX_OUTPUT_BOUND);
    private static final long UNREADABLE = -1;
    private static final Set<String> FINAL_RESPONSE_EVENTS = Set.of("response.completed", "response.incomplete",
            "response.failed");

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The {@code usage} object of a response or final stream chunk, or null when there is none. */
    public static Usage from(JsonObject body) {
        return of(body.get("usage"), "prompt_tokens", "completion_tokens", "prompt_tokens_details",
                "completion_tokens_details");
    }

    /** The {@code usage} of a Responses API {@code response} object, or null. */
    public static Usage fromResponse(JsonObject response) {
        return of(response.get("usage"), "input_tokens", "output_tokens", "input_tokens_details",
                "output_tokens_details");
    }

    /**
     * The usage of a Responses API stream event: only the last one ({@code response.completed},
     * {@code response.incomplete} or {@code response.failed}) carries it, in its {@code response};
     * the {@code "usage":null} of the events before it is none.
     */
    public static Usage fromResponseEvent(JsonObject event) {
        if (!(event.get("type") instanceof JsonString type) || !FINAL_RESPONSE_EVENTS.contains(type.getString())
                || !(event.get("response") instanceof JsonObject response)) {
            return null;
        }
        return fromResponse(response);
    }

    /**
     * The {@code usage} of an Anthropic {@code message} (or of a stream's {@code message_delta}),
     * or null. Anthropic's {@code input_tokens} leaves out the prompt it wrote to or read from its
     * cache; both are input the call is billed for, so they are added, and the cache reads are the
     * cached tokens (billed at the model's cached-input price). Cache writes are billed at the
     * input price.
     */
    public static Usage fromMessage(JsonObject message) {
        return message.get("usage") instanceof JsonObject u ? ofMessage(u, null) : null;
    }

    /**
     * An Anthropic {@code usage} object's counts, each one {@code usage} lacks (or has as null)
     * taken from {@code earlier} when given: a stream's {@code message_delta} may leave out the
     * input counts its {@code message_start} gave.
     */
    static Usage ofMessage(JsonObject usage, JsonObject earlier) {
        long in = count(usage, earlier, "input_tokens");
        long created = count(usage, earlier, "cache_creation_input_tokens");
        long read = count(usage, earlier, "cache_read_input_tokens");
        long out = count(usage, earlier, "output_tokens");
        if (in == UNREADABLE || created == UNREADABLE || read == UNREADABLE || out == UNREADABLE) {
            return null;
        }
        return new Usage(in + created + read, out, read, 0);
    }

    private static long count(JsonObject usage, JsonObject earlier, String field) {
        return earlier != null && !(usage.get(field) instanceof JsonNumber) ? number(earlier, field) : number(usage, field);
    }

    private static Usage of(JsonValue usage, String input, String output, String inputDetails, String outputDetails) {
        if (!(usage instanceof JsonObject u)) {
            return null;
        }
        long in = number(u, input);
        long out = number(u, output);
        long cached = nested(u, inputDetails, "cached_tokens");
        long reasoning = nested(u, outputDetails, "reasoning_tokens");
        if (in == UNREADABLE || out == UNREADABLE || cached == UNREADABLE || reasoning == UNREADABLE) {
            return null;
        }
        return new Usage(in, out, cached, reasoning);
    }

    private static long nested(JsonObject u, String object, String field) {
        JsonValue details = u.get(object);
        return details instanceof JsonObject d ? number(d, field) : 0;
    }

    private static long number(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (!(v instanceof JsonNumber n)) {
            return 0;
        }
        BigDecimal value = n.bigDecimalValue();
        if (value.compareTo(MAX) > 0) {
            return UNREADABLE;
        }
        return Math.max(0, value.longValue());
    }
}
