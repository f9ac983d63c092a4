package org.keygate.gateway.control;

import jakarta.json.spi.JsonProvider;

/**
 * What the gateway reads from the body of a call it relays, whichever {@link Endpoint} it came
 * to: the model (allow check, routing), whether it streams, the bounds of what it can cost (the
 * reservation) and the body for the upstream. Everything else goes to the upstream as the client
 * sent it; prompts are never stored.
 */
public interface RelayedRequest {

    /** At most this many output tokens a call may be billed for: {@code n} choices and more count. */
    long MAX_OUTPUT_BOUND = 1L << 40;

    String model();

    boolean stream();

    /** The body's size in bytes, an upper bound of its tokens for text. */
    int bodyBytes();

    /** The most input tokens the call can be billed: the demo's exact count, else the body's bytes. */
    long maxInputTokens(Route route);

    /** The most output tokens it can be billed, every choice counted, the model's cap where the request names none. */
    long maxOutputTokens(Route route);

    /**
     * Keygate asked a stream's upstream for usage the client did not ask for: it is kept from the
     * client. Never for an endpoint whose upstream reports usage unasked (embeddings, messages).
     */
    default boolean hideUsage() {
        return false;
    }

    /**
     * The in-process {@code demo} provider's answer, deterministic, so the embedded default works
     * without any upstream; {@code model} is the catalogue id, {@code requestId} the gateway's.
     */
    DemoReply demo(String requestId, long created, String model, Route route);

    /** The body for the upstream ({@link UpstreamBody}). */
    byte[] forUpstream(String upstreamModel, JsonProvider json);

    /** {@code perChoice × choices}, saturating at {@link #MAX_OUTPUT_BOUND} (a bound, never an overflow). */
    static long bound(long perChoice, long choices) {
        long product;
        try {
            product = Math.multiplyExact(perChoice, choices);
        } catch (ArithmeticException e) {
            return MAX_OUTPUT_BOUND;
        }
        return Math.min(product, MAX_OUTPUT_BOUND);
    }

    /**
     * The most input tokens a call to a real upstream can be billed: the body's bytes (a token is
     * at least a byte of text) plus, for each image part, the model's most an image can cost — a
     * remote image's URL is a few bytes but hundreds of tokens. Saturates at {@link #MAX_OUTPUT_BOUND}.
     */
    static long inputBound(int bodyBytes, int images, Route route) {
        return Math.min(bodyBytes + (long) images * route.imageTokens(), MAX_OUTPUT_BOUND);
    }

    /** The request's own cap within the model's, or the model's when it names none. */
    static long capped(Integer requested, Route route) {
        return requested == null ? route.maxOutputTokens() : Math.min(requested, route.maxOutputTokens());
    }
}
