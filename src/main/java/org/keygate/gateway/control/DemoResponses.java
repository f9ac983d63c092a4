package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code demo} provider's Responses API answer: the last user message echoed as one
 * assistant message, shaped like OpenAI's {@code response} object with every field the official
 * SDKs require, so they parse it as they parse OpenAI's. Cut at the output cap it is
 * {@code incomplete} ({@code max_output_tokens}), as OpenAI's is. Streamed, it is OpenAI's event
 * sequence ({@code event:} and {@code data:} with a {@code sequence_number}), ending with
 * {@code response.completed} (or {@code response.incomplete}) and no {@code [DONE]}. Usage: the
 * chat demo's count of the instructions and message texts ({@link DemoEcho#promptTokens}), and
 * the echo's tokens.
 */
final class DemoResponses {

    private DemoResponses() {
    }

    /** One answer's parts, written into the response object and its events. */
    private record Answer(String responseId, String itemId, long created, String model, ResponsesRequest request,
            String text, boolean cut, Usage usage) {
    }

    static DemoReply answer(ResponsesRequest request, String id, long created, String model, long maxOutputTokens) {
        String text = request.lastUserText();
        boolean cut = DemoEcho.tokens(text) > maxOutputTokens;
        if (cut) {
            text = DemoEcho.truncate(text, maxOutputTokens * DemoEcho.BYTES_PER_TOKEN);
        }
        Usage usage = new Usage(DemoEcho.promptTokens(request.messageTexts()), DemoEcho.tokens(text), 0, 0);
        Answer a = new Answer("resp_" + id, "msg_" + id, created, model, request, text, cut, usage);
        if (!request.stream()) {
            return DemoReply.json(usage, response(new StringBuilder(1024), a, true).toString());
        }
        List<String> events = new ArrayList<>();
        String done = a.cut ? "incomplete" : "completed";
        events.add(event(events, "response.created", response(new StringBuilder(1024).append("\"response\":"), a, false)));
        events.add(event(events, "response.in_progress", response(new StringBuilder(1024).append("\"response\":"), a,
                false)));
        events.add(event(events, "response.output_item.added", new StringBuilder(256).append("\"output_index\":0,\"item\":")
                .append("{\"id\":\"").append(a.itemId).append("\",\"type\":\"message\",\"status\":\"in_progress\","
                        + "\"role\":\"assistant\",\"content\":[]}")));
        events.add(event(events, "response.content_part.added", part(a, "")));
        for (String piece : DemoEcho.pieces(text)) {
            events.add(event(events, "response.output_text.delta", JsonText.quote(at(a).append("\"delta\":"), piece)
                    .append(",\"logprobs\":[]")));
        }
        events.add(event(events, "response.output_text.done", JsonText.quote(at(a).append("\"text\":"), text)
                .append(",\"logprobs\":[]")));
        events.add(event(events, "response.content_part.done", part(a, text)));
        events.add(event(events, "response.output_item.done", message(new StringBuilder(256)
                .append("\"output_index\":0,\"item\":"), a, done)));
        events.add(event(events, "response." + done, response(new StringBuilder(1024).append("\"response\":"), a, true)));
        return DemoReply.stream(usage, events);
    }

    /** The {@code response} object: in progress with no output yet, or finished with its message and usage. */
    private static StringBuilder response(StringBuilder out, Answer a, boolean finished) {
        String status = !finished ? "in_progress" : a.cut ? "incomplete" : "completed";
        out.append("{\"id\":\"").append(a.responseId).append("\",\"object\":\"response\",\"created_at\":").append(a.created)
                .append(",\"status\":\"").append(status).append("\",\"background\":false,\"error\":null,"
                        + "\"incomplete_details\":").append(finished && a.cut ? "{\"reason\":\"max_output_tokens\"}" : "null")
                .append(",\"instructions\":");
        if (a.request.instructions() == null) {
            out.append("null");
        } else {
            JsonText.quote(out, a.request.instructions());
        }
        out.append(",\"max_output_tokens\":").append(a.request.maxOutputTokens()).append(",\"model\":");
        JsonText.quote(out, a.model).append(",\"output\":[");
        if (finished) {
            message(out, a, status);
        }
        out.append("],\"parallel_tool_calls\":true,\"previous_response_id\":null,\"reasoning\":{\"effort\":null,"
                + "\"summary\":null},\"store\":false,\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},"
                + "\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":");
        if (finished) {
            Usage u = a.usage;
            out.append("{\"input_tokens\":").append(u.inputTokens()).append(",\"input_tokens_details\":{\"cached_tokens\":0,"
                    + "\"cache_write_tokens\":0},\"output_tokens\":").append(u.outputTokens())
                    .append(",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":").append(u.totalTokens())
                    .append('}');
        } else {
            out.append("null");
        }
        return out.append(",\"user\":null,\"metadata\":{}}");
    }

    private static StringBuilder message(StringBuilder out, Answer a, String status) {
        out.append("{\"id\":\"").append(a.itemId).append("\",\"type\":\"message\",\"status\":\"").append(status)
                .append("\",\"role\":\"assistant\",\"content\":[");
        return outputText(out, a.text).append("]}");
    }

    private static StringBuilder outputText(StringBuilder out, String text) {
        return JsonText.quote(out.append("{\"type\":\"output_text\",\"text\":"), text)
                .append(",\"annotations\":[],\"logprobs\":[]}");
    }

    /** The item and content indexes every text and content-part event names. */
    private static StringBuilder at(Answer a) {
        return new StringBuilder(128 + a.text.length()).append("\"item_id\":\"").append(a.itemId)
                .append("\",\"output_index\":0,\"content_index\":0,");
    }

    private static StringBuilder part(Answer a, String text) {
        return outputText(at(a).append("\"part\":"), text);
    }

    /** One SSE block: {@code event: type}, then its data with the type and the next sequence number first. */
    private static String event(List<String> events, String type, StringBuilder fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + events.size() + ","
                + fields + "}\n\n";
    }
}
