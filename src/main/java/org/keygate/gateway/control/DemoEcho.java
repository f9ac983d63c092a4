package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code demo} provider (README.md): answers with the last user message, locally and
 * with no network, so the quick start and the benchmarks work offline. Its token counts are
 * deterministic so spend limits can be tried and tested exactly: a text of {@code b} UTF-8 bytes
 * is {@code ceil(b / 4)} tokens, a prompt is 4 tokens per message plus its texts, and the answer
 * is cut to the output cap (finish reason {@code length}).
 */
public final class DemoEcho {

    static final int TOKENS_PER_MESSAGE = 4;
    static final int BYTES_PER_TOKEN = 4;

    private DemoEcho() {
    }

    /** The demo's answer to one request. */
    public record Answer(String text, long promptTokens, long completionTokens, String finishReason) {
    }

    public static long tokens(CharSequence text) {
        return (utf8Length(text) + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    /** The texts' tokens together, without chat's per-message overhead (embeddings inputs, completion prompts). */
    public static long tokens(List<String> texts) {
        long total = 0;
        for (String text : texts) {
            total += tokens(text);
        }
        return total;
    }

    public static long promptTokens(List<String> messageTexts) {
        long total = 0;
        for (String text : messageTexts) {
            total += TOKENS_PER_MESSAGE + tokens(text);
        }
        return total;
    }

    public static Answer answer(ChatRequest request, long maxOutputTokens) {
        String reply = request.lastUserText();
        String finish = "stop";
        if (tokens(reply) > maxOutputTokens) {
            reply = truncate(reply, maxOutputTokens * BYTES_PER_TOKEN);
            finish = "length";
        }
        return new Answer(reply, promptTokens(request.messageTexts()), tokens(reply), finish);
    }

    /** The non-streaming body, shaped like OpenAI's {@code chat.completion}. */
    public static String completion(String id, long created, String model, Answer answer) {
        StringBuilder out = new StringBuilder(256 + answer.text().length());
        out.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion\",\"created\":").append(created)
                .append(",\"model\":");
        JsonText.quote(out, model);
        out.append(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
        JsonText.quote(out, answer.text());
        out.append(",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"").append(answer.finishReason())
                .append("\"}],");
        usage(out, answer);
        return out.append(",\"system_fingerprint\":\"keygate-demo\"}").toString();
    }

    /** The SSE events of a streamed answer, each a complete {@code data: …\n\n} block, ending with {@code [DONE]}. */
    public static List<String> stream(String id, long created, String model, Answer answer, boolean includeUsage) {
        List<String> events = new ArrayList<>();
        events.add(chunk(id, created, model, "{\"role\":\"assistant\",\"content\":\"\"}", null, includeUsage));
        for (String piece : pieces(answer.text())) {
            events.add(chunk(id, created, model, "{\"content\":" + JsonText.quote(piece) + "}", null, includeUsage));
        }
        events.add(chunk(id, created, model, "{}", answer.finishReason(), includeUsage));
        if (includeUsage) {
            StringBuilder out = new StringBuilder(200);
            out.append("data: {\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
                    .append(created).append(",\"model\":");
            JsonText.quote(out, model);
            out.append(",\"choices\":[],");
            usage(out, answer);
            events.add(out.append("}\n\n").toString());
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static String chunk(String id, long created, String model, String delta, String finish, boolean includeUsage) {
        StringBuilder out = new StringBuilder(160 + delta.length());
        out.append("data: {\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
                .append(created).append(",\"model\":");
        JsonText.quote(out, model);
        out.append(",\"choices\":[{\"index\":0,\"delta\":").append(delta).append(",\"logprobs\":null,\"finish_reason\":")
                .append(finish == null ? "null" : "\"" + finish + "\"").append("}]");
        if (includeUsage) {
            out.append(",\"usage\":null");
        }
        return out.append("}\n\n").toString();
    }

    private static void usage(StringBuilder out, Answer a) {
        out.append("\"usage\":{\"prompt_tokens\":").append(a.promptTokens()).append(",\"completion_tokens\":")
                .append(a.completionTokens()).append(",\"total_tokens\":").append(a.promptTokens() + a.completionTokens())
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}");
    }

    /** Words with their following blank, so the pieces concatenate back to the text exactly. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static long utf8Length(CharSequence s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The longest prefix of whole code points within {@code maxBytes} UTF-8 bytes. */
    static String truncate(String s, long maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
