package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The parts of a {@code POST /v1/responses} (OpenAI Responses API) body the gateway needs: the
 * model, {@code stream}, {@code max_output_tokens} (reasoning tokens count against it, so it
 * bounds everything the call can be billed for: a response has one output, no {@code n}), and for
 * the demo the texts of {@code instructions} and {@code input} (a string, or an array of items
 * whose messages have a string or an array of content parts). Image and file parts are not
 * counted, as chat does not count them either: the reservation's input bound is the body's bytes.
 * A Responses stream always ends with its usage ({@code response.completed}), so nothing is added
 * to the body: only {@code model} is replaced.
 */
public record ResponsesRequest(byte[] body, int bodyBytes, String model, boolean stream, Integer maxOutputTokens,
        String instructions, List<String> messageTexts, String lastUserText, long modelKeyEnd, long modelValueEnd,
        int images) implements RelayedRequest {

    public static ResponsesRequest parse(byte[] body, int length, JsonProvider json) {
        Reader r = new Reader();
        RequestBody.Model model = RequestBody.walk(body, length, json, r);
        List<String> texts = new ArrayList<>(r.texts.size() + 1);
        if (r.instructions != null) {
            texts.add(r.instructions);
        }
        texts.addAll(r.texts);
        return new ResponsesRequest(body, length, model.name(), r.stream, r.maxOutputTokens, r.instructions,
                List.copyOf(texts), r.lastUser, model.keyEnd(), model.valueEnd(), r.images.count);
    }

    private static final class Reader implements RequestBody.Fields {
        final List<String> texts = new ArrayList<>();
        final ChatRequest.Images images = new ChatRequest.Images();
        String lastUser = "";
        String instructions;
        boolean stream;
        Integer maxOutputTokens;

        @Override
        public boolean read(String field, JsonParser.Event value, JsonParser parser) {
            switch (field) {
                case "input" -> input(parser, value);
                case "instructions" -> {
                    if (value == JsonParser.Event.VALUE_STRING) {
                        instructions = parser.getString();
                    } else if (value != JsonParser.Event.VALUE_NULL) {
                        throw new GatewayException(GatewayError.INVALID_REQUEST, "'instructions' must be a string",
                                "instructions");
                    }
                }
                case "stream" -> stream = JsonFields.bool(value, "stream");
                case "max_output_tokens" -> maxOutputTokens = JsonFields.positive(parser, value, "max_output_tokens");
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** A string (one user message) or an array of input items; only message items have text. */
        private void input(JsonParser parser, JsonParser.Event value) {
            if (value == JsonParser.Event.VALUE_STRING) {
                texts.add(parser.getString());
                lastUser = parser.getString();
                return;
            }
            if (value != JsonParser.Event.START_ARRAY) {
                throw new GatewayException(GatewayError.INVALID_REQUEST,
                        "'input' must be a string or an array of input items", "input");
            }
            int index = 0;
            for (JsonParser.Event item = parser.next(); item != JsonParser.Event.END_ARRAY; item = parser.next()) {
                if (item != JsonParser.Event.START_OBJECT) {
                    throw new GatewayException(GatewayError.INVALID_REQUEST, "every input item must be an object",
                            "input[" + index + "]");
                }
                item(parser);
                index++;
            }
        }

        private void item(JsonParser parser) {
            String type = null;
            String role = null;
            String text = null;
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String field = parser.getString();
                JsonParser.Event v = parser.next();
                if ("type".equals(field) && v == JsonParser.Event.VALUE_STRING) {
                    type = parser.getString();
                } else if ("role".equals(field) && v == JsonParser.Event.VALUE_STRING) {
                    role = parser.getString();
                } else if ("content".equals(field)) {
                    text = ChatRequest.content(parser, v, images);
                } else {
                    JsonFields.skip(parser, v);
                }
            }
            if (role == null || (type != null && !"message".equals(type))) {
                return; // a function call's output, a reasoning item, an item reference…: no message text
            }
            texts.add(text == null ? "" : text);
            if ("user".equals(role)) {
                lastUser = text == null ? "" : text;
            }
        }
    }

    /** The output cap: the request's within the model's, or the model's. */
    public long outputCap(Route route) {
        return RelayedRequest.capped(maxOutputTokens, route);
    }

    @Override
    public long maxInputTokens(Route route) {
        return route.demo() ? DemoEcho.promptTokens(messageTexts) : RelayedRequest.inputBound(bodyBytes, images, route);
    }

    @Override
    public long maxOutputTokens(Route route) {
        return outputCap(route);
    }

    /** A Responses stream carries its usage in {@code response.completed} whatever the client asked: nothing to hide. */
    @Override
    public boolean hideUsage() {
        return false;
    }

    @Override
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        return UpstreamBody.of(body, bodyBytes, modelKeyEnd, modelValueEnd, false, false, upstreamModel, json);
    }

    @Override
    public DemoReply demo(String requestId, long created, String model, Route route) {
        return DemoResponses.answer(this, requestId.substring(4), created, model, outputCap(route));
    }
}
