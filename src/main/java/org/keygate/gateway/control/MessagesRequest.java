package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The parts of an Anthropic {@code POST /v1/messages} body the gateway needs: the model,
 * {@code max_tokens} (Anthropic requires it, so its absence is refused here, before anything is
 * reserved; it bounds the output, extended thinking included), {@code stream}, and the texts of
 * {@code system} and {@code messages} (for the demo only — prompts are never stored). The input
 * bound is the body's bytes, as for chat: content blocks other than text (images, documents,
 * tool results) count only through those bytes. Everything else goes to the upstream as sent.
 */
public record MessagesRequest(byte[] body, int bodyBytes, String model, boolean stream, int maxTokens,
        List<String> texts, String lastUserText, long modelKeyEnd, long modelValueEnd, int images) implements RelayedRequest {

    public static MessagesRequest parse(byte[] body, int length, JsonProvider json) {
        Reader r = new Reader();
        RequestBody.Model model = RequestBody.walk(body, length, json, r);
        if (r.maxTokens == null) {
            throw JsonFields.required("max_tokens", "a positive integer");
        }
        if (!r.sawMessages || r.messages == 0) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array", "messages");
        }
        return new MessagesRequest(body, length, model.name(), r.stream, r.maxTokens, List.copyOf(r.texts), r.lastUser,
                model.keyEnd(), model.valueEnd(), r.images.count);
    }

    private static final class Reader implements RequestBody.Fields {
        final List<String> texts = new ArrayList<>();
        final ChatRequest.Images images = new ChatRequest.Images();
        boolean stream;
        Integer maxTokens;
        boolean sawMessages;
        int messages;
        String lastUser = "";

        @Override
        public boolean read(String field, JsonParser.Event value, JsonParser parser) {
            switch (field) {
                case "max_tokens" -> maxTokens = JsonFields.positive(parser, value, "max_tokens");
                case "stream" -> stream = JsonFields.bool(value, "stream");
                case "system" -> texts.add(ChatRequest.content(parser, value, images));
                case "messages" -> {
                    if (value != JsonParser.Event.START_ARRAY) {
                        throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array",
                                "messages");
                    }
                    sawMessages = true;
                    int before = texts.size();
                    lastUser = ChatRequest.messages(parser, texts, lastUser, images);
                    messages += texts.size() - before;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** The demo's exact count: 4 per message (the system prompt counts as one) plus their texts' tokens. */
    public long inputTokens() {
        return DemoEcho.promptTokens(texts);
    }

    @Override
    public long maxInputTokens(Route route) {
        return route.demo() ? inputTokens() : RelayedRequest.inputBound(bodyBytes, images, route);
    }

    /** {@code max_tokens} within the model's cap: Anthropic generates one answer per call. */
    @Override
    public long maxOutputTokens(Route route) {
        return RelayedRequest.capped(maxTokens, route);
    }

    @Override
    public DemoReply demo(String requestId, long created, String model, Route route) {
        return DemoMessages.answer(this, "msg_" + requestId.substring(4), model, maxOutputTokens(route));
    }

    /**
     * The client's body with only {@code model} replaced: Anthropic always reports a stream's
     * usage, so nothing is added and nothing hidden ({@link #hideUsage} stays false).
     */
    @Override
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        return UpstreamBody.of(body, bodyBytes, modelKeyEnd, modelValueEnd, false, false, upstreamModel, json);
    }
}
