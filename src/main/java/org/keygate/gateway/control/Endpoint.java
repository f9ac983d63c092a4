package org.keygate.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/**
 * The endpoints the gateway relays, each one kind of call: where it is served, how its body is
 * read into a {@link RelayedRequest} (model, stream, the reservation's bounds, the demo's answer),
 * where the upstream takes it, which providers may serve it, how its usage is read from the JSON
 * answer and from the events of its stream, and how its errors look. Everything else — the
 * checks, the reservation, the asynchronous relay, metering — is the same for all of them. The
 * OpenAI endpoints go to {@code openai} providers, Anthropic's {@code /v1/messages} to
 * {@code anthropic} ones; the {@code demo} provider answers every one.
 */
public enum Endpoint {
    CHAT("/v1/chat/completions", "/chat/completions", GatewayMetrics.CHAT),
    EMBEDDINGS("/v1/embeddings", "/embeddings", GatewayMetrics.EMBEDDINGS),
    COMPLETIONS("/v1/completions", "/completions", GatewayMetrics.COMPLETIONS),
    RESPONSES("/v1/responses", "/responses", GatewayMetrics.RESPONSES),
    MESSAGES("/v1/messages", "/messages", GatewayMetrics.MESSAGES);

    /** The gateway's paths, for switches and servlet mappings. */
    public static final String CHAT_PATH = "/v1/chat/completions";
    public static final String EMBEDDINGS_PATH = "/v1/embeddings";
    public static final String COMPLETIONS_PATH = "/v1/completions";
    public static final String RESPONSES_PATH = "/v1/responses";
    public static final String MESSAGES_PATH = "/v1/messages";

    private final String path;
    private final String upstreamPath;
    private final String label;

    Endpoint(String path, String upstreamPath, String label) {
        this.path = path;
        this.upstreamPath = upstreamPath;
        this.label = label;
    }

    /** The endpoint served at {@code path} (the request URI without the context path), or null. */
    public static Endpoint of(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
        }
        return null;
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
            case MESSAGES -> MessagesRequest.parse(body, length, json);
        };
    }

    /**
     * Refuses with 400 {@code invalid_request} a model whose provider does not speak this
     * endpoint's API: an OpenAI-compatible upstream has no {@code /messages}, Anthropic's has no
     * {@code /chat/completions}; relayed anyway, the call would fail upstream after its
     * reservation, with an error the client cannot act on.
     */
    public void checkProvider(Route route) {
        if (route.demo() || (this == MESSAGES) == route.anthropic()) {
            return;
        }
        String model = route.modelId();
        throw new GatewayException(GatewayError.INVALID_REQUEST, this == MESSAGES
                ? "The model '" + model + "' is served by an OpenAI-compatible provider, which has no Messages API;"
                        + " call it through the OpenAI endpoints (e.g. /v1/chat/completions)."
                : "The model '" + model + "' is served by an Anthropic provider; call it through /v1/messages.", "model");
    }

    /** The usage of a JSON answer, or null when it has none Keygate can read (then the reservation is billed). */
    public Usage usage(JsonObject answer) {
        return switch (this) {
            case RESPONSES -> Usage.fromResponse(answer);
            case MESSAGES -> Usage.fromMessage(answer);
            default -> Usage.from(answer);
        };
    }

    /** The usage one {@code data:} event of a stream carries, or null; for the endpoints whose usage comes in one event. */
    public Usage streamUsage(JsonObject event) {
        if (this == RESPONSES) {
            return Usage.fromResponseEvent(event);
        }
        return Usage.from(event);
    }

    /**
     * What reads the usage of one stream, event by event: the final usage of an OpenAI stream is
     * in one chunk ({@link #streamUsage}); an Anthropic stream's is spread over its
     * {@code message_start} and {@code message_delta} events ({@link MessagesStreamUsage}).
     */
    public StreamMeter streamMeter() {
        return this == MESSAGES ? new MessagesStreamUsage() : this::streamUsage;
    }

    /** How Keygate's own errors look here ({@link ErrorShape}). */
    public ErrorShape errorShape() {
        return this == MESSAGES ? ErrorShape.ANTHROPIC : ErrorShape.OPENAI;
    }

    /** Reads one stream's usage from its {@code data:} events; one per stream, not thread-safe. */
    public interface StreamMeter {

        /** The stream's usage as of this event (final once the stream ended), or null when none is known yet. */
        Usage seen(JsonObject event);
    }
}
