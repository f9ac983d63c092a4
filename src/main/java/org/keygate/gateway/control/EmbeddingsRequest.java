package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The parts of a {@code POST /v1/embeddings} body the gateway needs: the model, {@code input}
 * (a string, strings, token ids or token-id arrays — its texts only for the demo), and for the
 * demo {@code encoding_format} and {@code dimensions}. Embeddings have no output tokens, so the
 * reservation is the input's bound alone; they never stream.
 */
public record EmbeddingsRequest(byte[] body, int bodyBytes, String model, List<String> texts, long tokenIds,
        boolean base64, Integer dimensions, long modelKeyEnd, long modelValueEnd) implements RelayedRequest {

    /** The most {@code dimensions} the demo makes (OpenAI's largest model has 3072). */
    static final int MAX_DIMENSIONS = 4096;

    public static EmbeddingsRequest parse(byte[] body, int length, JsonProvider json) {
        Reader r = new Reader();
        RequestBody.Model model = RequestBody.walk(body, length, json, r);
        if (r.prompts == 0) {
            throw JsonFields.required("input", "a string or an array");
        }
        return new EmbeddingsRequest(body, length, model.name(), List.copyOf(r.texts), r.tokens[0], r.base64,
                r.dimensions, model.keyEnd(), model.valueEnd());
    }

    private static final class Reader implements RequestBody.Fields {
        final List<String> texts = new ArrayList<>();
        final long[] tokens = new long[1];
        int prompts;
        boolean base64;
        Integer dimensions;

        @Override
        public boolean read(String field, JsonParser.Event value, JsonParser parser) {
            switch (field) {
                case "input" -> prompts = RequestBody.textsOrTokens(parser, value, "input", texts, tokens);
                case "encoding_format" -> {
                    if (value == JsonParser.Event.VALUE_STRING) {
                        base64 = "base64".equals(parser.getString());
                    } else if (value != JsonParser.Event.VALUE_NULL) {
                        throw new GatewayException(GatewayError.INVALID_REQUEST, "'encoding_format' must be a string",
                                "encoding_format");
                    }
                }
                case "dimensions" -> dimensions = JsonFields.positive(parser, value, "dimensions", MAX_DIMENSIONS);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public boolean stream() {
        return false;
    }

    /** The demo's exact count: its texts' tokens and every token id. */
    public long inputTokens() {
        return DemoEcho.tokens(texts) + tokenIds;
    }

    @Override
    public long maxInputTokens(Route route) {
        return route.demo() ? inputTokens() : bodyBytes;
    }

    @Override
    public long maxOutputTokens(Route route) {
        return 0;
    }

    @Override
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        return UpstreamBody.of(body, bodyBytes, modelKeyEnd, modelValueEnd, false, false, upstreamModel, json);
    }

    @Override
    public DemoReply demo(String requestId, long created, String model, Route route) {
        return DemoEmbeddings.answer(this, model);
    }
}
