package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code demo} provider's Anthropic Messages answer: the last user message echoed back, cut
 * to the output cap (stop reason {@code max_tokens}, else {@code end_turn}), as a {@code message}
 * object or as the event stream Anthropic sends ({@code message_start}, {@code content_block_start},
 * {@code ping}, a {@code content_block_delta} per word, {@code content_block_stop},
 * {@code message_delta} with the output count, {@code message_stop}), so Anthropic's SDKs parse
 * both. Tokens are counted as the chat demo counts them ({@link DemoEcho}).
 */
final class DemoMessages {

    private DemoMessages() {
    }

    static DemoReply answer(MessagesRequest request, String id, String model, long maxOutputTokens) {
        String text = request.lastUserText();
        String stop = "end_turn";
        if (DemoEcho.tokens(text) > maxOutputTokens) {
            text = DemoEcho.truncate(text, maxOutputTokens * DemoEcho.BYTES_PER_TOKEN);
            stop = "max_tokens";
        }
        Usage usage = new Usage(request.inputTokens(), DemoEcho.tokens(text), 0, 0);
        if (!request.stream()) {
            StringBuilder out = head(id, model);
            JsonText.quote(out.append("[{\"type\":\"text\",\"text\":"), text).append("}],\"stop_reason\":\"").append(stop)
                    .append("\",\"stop_sequence\":null,");
            return DemoReply.json(usage, usage(out, usage.inputTokens(), usage.outputTokens()).append('}').toString());
        }
        List<String> events = new ArrayList<>();
        StringBuilder start = head(id, model).append("[],\"stop_reason\":null,\"stop_sequence\":null,");
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":"
                + usage(start, usage.inputTokens(), 0).append('}') + "}"));
        events.add(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        events.add(event("ping", "{\"type\":\"ping\"}"));
        for (String piece : DemoEcho.pieces(text)) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                    + "\"text_delta\",\"text\":" + JsonText.quote(piece) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + usage.outputTokens() + "}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return DemoReply.stream(usage, events);
    }

    /** A message object up to its {@code content} value. */
    private static StringBuilder head(String id, String model) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"id\":\"").append(id).append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
        return JsonText.quote(out, model).append(",\"content\":");
    }

    private static StringBuilder usage(StringBuilder out, long input, long output) {
        return out.append("\"usage\":{\"input_tokens\":").append(input).append(",\"cache_creation_input_tokens\":0,")
                .append("\"cache_read_input_tokens\":0,\"output_tokens\":").append(output).append('}');
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }
}
