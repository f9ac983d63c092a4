package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code demo} provider's legacy completions: each prompt echoed back, cut to the output cap
 * (finish reason {@code length}), one choice per prompt whatever {@code n} says (like the chat
 * demo, so a hostile {@code n} cannot make it write more than the request's own size); a
 * token-id prompt echoes nothing. Usage as {@link CompletionsRequest#inputTokens} and the echo.
 */
final class DemoCompletions {

    private DemoCompletions() {
    }

    static DemoReply answer(CompletionsRequest request, String id, long created, String model, long maxOutputTokens) {
        int prompts = request.prompts();
        List<String> texts = new ArrayList<>(prompts);
        List<String> finishes = new ArrayList<>(prompts);
        long output = 0;
        for (int i = 0; i < prompts; i++) {
            String text = i < request.texts().size() ? request.texts().get(i) : "";
            String finish = "stop";
            if (DemoEcho.tokens(text) > maxOutputTokens) {
                text = DemoEcho.truncate(text, maxOutputTokens * DemoEcho.BYTES_PER_TOKEN);
                finish = "length";
            }
            texts.add(text);
            finishes.add(finish);
            output += DemoEcho.tokens(text);
        }
        Usage usage = new Usage(request.inputTokens(), output, 0, 0);
        if (!request.stream()) {
            StringBuilder out = head(id, created, model);
            for (int i = 0; i < prompts; i++) {
                choice(out.append(i == 0 ? "" : ","), texts.get(i), i, finishes.get(i));
            }
            out.append("],");
            return DemoReply.json(usage, usage(out, usage).append('}').toString());
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            for (String piece : DemoEcho.pieces(texts.get(i))) {
                events.add(event(choice(head(id, created, model), piece, i, null).append("]}")));
            }
            events.add(event(choice(head(id, created, model), "", i, finishes.get(i)).append("]}")));
        }
        if (request.clientWantsUsage()) {
            events.add(event(usage(head(id, created, model).append("],"), usage).append('}')));
        }
        events.add("data: [DONE]\n\n");
        return DemoReply.stream(usage, events);
    }

    private static StringBuilder head(String id, long created, String model) {
        StringBuilder out = new StringBuilder(160);
        out.append("{\"id\":\"").append(id).append("\",\"object\":\"text_completion\",\"created\":").append(created)
                .append(",\"model\":");
        return JsonText.quote(out, model).append(",\"choices\":[");
    }

    private static StringBuilder choice(StringBuilder out, String text, int index, String finish) {
        out.append("{\"text\":");
        JsonText.quote(out, text).append(",\"index\":").append(index).append(",\"logprobs\":null,\"finish_reason\":");
        return out.append(finish == null ? "null" : "\"" + finish + "\"").append('}');
    }

    private static StringBuilder usage(StringBuilder out, Usage u) {
        return out.append("\"usage\":{\"prompt_tokens\":").append(u.inputTokens()).append(",\"completion_tokens\":")
                .append(u.outputTokens()).append(",\"total_tokens\":").append(u.totalTokens()).append('}');
    }

    private static String event(StringBuilder json) {
        return "data: " + json + "\n\n";
    }
}
