package org.keygate.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/**
 * The OpenAI endpoints the gateway relays, each one kind of call: where it is served, how its
 * body is read into a {@link RelayedRequest} (model, stream, the reservation's bounds, the demo's
 * answer), where the upstream takes it, and how its usage is read from the JSON answer and from
 * the events of its stream. Everything else — the checks, the reservation, the asynchronous
 * relay, metering — is the same for all of them.
 */
public enum Endpoint {
    CHAT("/v1/chat/completions", "/chat/completions", GatewayMetrics.CHAT),
    EMBEDDINGS("/v1/embeddings", "/embeddings", GatewayMetrics.EMBEDDINGS),
    COMPLETIONS("/v1/completions", "/completions", GatewayMetrics.COMPLETIONS),
    RESPONSES("/v1/responses", "/responses", GatewayMetrics.RESPONSES);

    /** The gateway's paths, for switches and servlet mappings. */
    public static final String CHAT_PATH = "/v1/chat/completions";
    public static final String EMBEDDINGS_PATH = "/v1/embeddings";
    public static final String COMPLETIONS_PATH = "/v1/completions";
    public static final String RESPONSES_PATH = "/v1/responses";

    private final String path;
    private final String upstreamPath;
    private final String label;

    Endpoint(String path, String upstreamPath, String label) {
        this.path = path;
        this.upstreamPath = upstreamPath;
        this.label = label;
    }

    public String path() {
        return path;
    }

    /** Appended to the provider's base URL (e.g. {@code https://api.openai.com/v1}). */
    public String upstreamPath() {
        return upstreamPath;
    }

    /** The {@code endpoint} label of {@link GatewayMetrics} and the access log. */
    public String label() {
        return label;
    }

    /** The body's parts the gateway needs; 400 {@code invalid_request} for anything it cannot read. */
    public RelayedRequest parse(byte[] body, int length, JsonProvider json) {
        return switch (this) {
            case CHAT -> ChatRequest.parse(body, length, json);
            case EMBEDDINGS -> EmbeddingsRequest.parse(body, length, json);
            case COMPLETIONS -> CompletionsRequest.parse(body, length, json);
            case RESPONSES -> ResponsesRequest.parse(body, length, json);
        };
    }

    /** The usage of a JSON answer, or null when it has none Keygate can read (then the reservation is billed). */
    public Usage usage(JsonObject answer) {
        if (this == RESPONSES) {
            return Usage.fromResponse(answer);
        }
        return Usage.from(answer);
    }

    /** The usage one {@code data:} event of a stream carries, or null. */
    public Usage streamUsage(JsonObject event) {
        if (this == RESPONSES) {
            return Usage.fromResponseEvent(event);
        }
        return Usage.from(event);
    }
}
