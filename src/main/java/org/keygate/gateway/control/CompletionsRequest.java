package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The parts of a legacy {@code POST /v1/completions} body the gateway needs: the model,
 * {@code prompt} (a string, strings, token ids or token-id arrays — every prompt gets its own
 * choices), {@code max_tokens}, {@code n} and {@code best_of} (every generated choice is billed,
 * the ones {@code best_of} discards too) and {@code stream}/{@code stream_options}.
 */
public record CompletionsRequest(byte[] body, int bodyBytes, String model, boolean stream, boolean clientWantsUsage,
        boolean hasStreamOptions, Integer maxTokens, int prompts, int choicesPerPrompt, List<String> texts, long tokenIds,
        long modelKeyEnd, long modelValueEnd) implements RelayedRequest {

    /** OpenAI's limit of {@code best_of}. */
    static final int MAX_BEST_OF = 20;

    public static CompletionsRequest parse(byte[] body, int length, JsonProvider json) {
        Reader r = new Reader();
        RequestBody.Model model = RequestBody.walk(body, length, json, r);
        if (r.prompts == 0) {
            throw JsonFields.required("prompt", "a string or an array");
        }
        int n = r.n == null ? 1 : r.n;
        int choices = Math.max(n, r.bestOf == null ? 1 : r.bestOf);
        return new CompletionsRequest(body, length, model.name(), r.stream, r.wantsUsage, r.hasStreamOptions, r.maxTokens,
                r.prompts, choices, List.copyOf(r.texts), r.tokens[0], model.keyEnd(), model.valueEnd());
    }

    private static final class Reader implements RequestBody.Fields {
        final List<String> texts = new ArrayList<>();
        final long[] tokens = new long[1];
        int prompts;
        boolean stream;
        boolean wantsUsage;
        boolean hasStreamOptions;
        Integer maxTokens;
        Integer n;
        Integer bestOf;

        @Override
        public boolean read(String field, JsonParser.Event value, JsonParser parser) {
            switch (field) {
                case "prompt" -> prompts = RequestBody.textsOrTokens(parser, value, "prompt", texts, tokens);
                case "stream" -> stream = JsonFields.bool(value, "stream");
                case "stream_options" -> {
                    hasStreamOptions = true;
                    wantsUsage = JsonFields.includeUsage(parser, value);
                }
                case "max_tokens" -> maxTokens = JsonFields.positive(parser, value, "max_tokens");
                case "n" -> n = JsonFields.positive(parser, value, "n", ChatRequest.MAX_CHOICES);
                case "best_of" -> bestOf = JsonFields.positive(parser, value, "best_of", MAX_BEST_OF);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** The demo's exact count: its prompts' tokens and every token id. */
    public long inputTokens() {
        return DemoEcho.tokens(texts) + tokenIds;
    }

    @Override
    public long maxInputTokens(Route route) {
        return route.demo() ? inputTokens() : bodyBytes;
    }

    /** Every choice of every prompt up to the output cap. */
    @Override
    public long maxOutputTokens(Route route) {
        return RelayedRequest.bound(RelayedRequest.capped(maxTokens, route), (long) prompts * choicesPerPrompt);
    }

    @Override
    public boolean hideUsage() {
        return stream && !clientWantsUsage;
    }

    @Override
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        return UpstreamBody.of(body, bodyBytes, modelKeyEnd, modelValueEnd, hideUsage(), hasStreamOptions, upstreamModel,
                json);
    }

    @Override
    public DemoReply demo(String requestId, long created, String model, Route route) {
        return DemoCompletions.answer(this, "cmpl-" + requestId.substring(4), created, model,
                RelayedRequest.capped(maxTokens, route));
    }
}
