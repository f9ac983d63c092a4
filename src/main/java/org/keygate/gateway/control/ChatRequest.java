package org.keygate.gateway.control;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * The parts of a {@code POST /v1/chat/completions} body the gateway needs: the model (for the
 * allow check and routing), {@code stream}, the output cap ({@code max_completion_tokens} or
 * {@code max_tokens}) and the message texts (for the demo and for nothing else — prompts are
 * never stored), and {@code n}, since every choice is billed. Everything else is passed to the
 * upstream as the client sent it.
 */
public record ChatRequest(byte[] body, int bodyBytes, String model, boolean stream, boolean clientWantsUsage,
        Integer maxTokens, List<String> messageTexts, String lastUserText, long modelKeyEnd, long modelValueEnd,
        boolean hasStreamOptions, int choices, int images) implements RelayedRequest {

    /** The content part types that are an image: chat's, the Responses API's, Anthropic's. */
    static final java.util.Set<String> IMAGE_PARTS = java.util.Set.of("image_url", "input_image", "image");

    /** Counts the image parts {@link #content} meets, for the reservation ({@link RelayedRequest#inputBound}). */
    static final class Images {
        int count;
    }

    /** OpenAI's own limit of {@code n}; a larger one is refused rather than reserved for. */
    static final int MAX_CHOICES = 128;

    /**
     * Reads the body with a streaming parser, building no JSON tree: the hot path (the demo
     * provider) needs only these fields, and a tree of every message costs more than the rest of
     * the checks together. Other values are skipped but still fully syntax-checked.
     */
    public static ChatRequest parse(byte[] body, int length, JsonProvider json) {
        String model = null;
        boolean stream = false;
        boolean wantsUsage = false;
        Integer maxCompletion = null;
        Integer maxTokens = null;
        boolean sawMessages = false;
        List<String> texts = new ArrayList<>();
        String lastUser = "";
        long modelKeyEnd = -1;
        long modelValueEnd = -1;
        boolean hasStreamOptions = false;
        Integer n = null;
        Images images = new Images();
        try (JsonParser parser = json.createParser(new ByteArrayInputStream(body, 0, length))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body must be a JSON object");
            }
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String field = parser.getString();
                long keyEnd = "model".equals(field) ? parser.getLocation().getStreamOffset() : -1;
                JsonParser.Event value = parser.next();
                switch (field) {
                    case "model" -> {
                        if (value != JsonParser.Event.VALUE_STRING || parser.getString().isEmpty()) {
                            throw new GatewayException(GatewayError.INVALID_REQUEST,
                                    "'model' is required and must be a string", "model");
                        }
                        model = parser.getString();
                        modelKeyEnd = keyEnd;
                        modelValueEnd = parser.getLocation().getStreamOffset();
                    }
                    case "stream" -> stream = bool(value, "stream");
                    case "max_completion_tokens" -> maxCompletion = positive(parser, value, "max_completion_tokens");
                    case "max_tokens" -> maxTokens = positive(parser, value, "max_tokens");
                    case "n" -> n = JsonFields.positive(parser, value, "n", MAX_CHOICES);
                    case "stream_options" -> {
                        hasStreamOptions = true;
                        wantsUsage = includeUsage(parser, value);
                    }
                    case "messages" -> {
                        if (value != JsonParser.Event.START_ARRAY) {
                            throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array", "messages");
                        }
                        sawMessages = true;
                        lastUser = messages(parser, texts, lastUser, images);
                    }
                    default -> skip(parser, value);
                }
            }
            if (parser.hasNext()) {
                throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
            }
        } catch (JsonParsingException | java.util.NoSuchElementException e) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
        }
        if (model == null) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "'model' is required and must be a string", "model");
        }
        if (!sawMessages || texts.isEmpty()) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array", "messages");
        }
        return new ChatRequest(body, length, model, stream, wantsUsage, maxCompletion != null ? maxCompletion : maxTokens,
                List.copyOf(texts), lastUser, modelKeyEnd, modelValueEnd, hasStreamOptions, n == null ? 1 : n, images.count);
    }

    /** Each message's text into {@code texts}; answers the last user message's text (Anthropic's messages too). */
    static String messages(JsonParser parser, List<String> texts, String lastUser, Images images) {
        String last = lastUser;
        int index = 0;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            if (event != JsonParser.Event.START_OBJECT) {
                throw new GatewayException(GatewayError.INVALID_REQUEST, "every message must be an object",
                        "messages[" + index + "]");
            }
            String role = null;
            String text = "";
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String field = parser.getString();
                JsonParser.Event value = parser.next();
                if ("role".equals(field) && value == JsonParser.Event.VALUE_STRING) {
                    role = parser.getString();
                } else if ("content".equals(field)) {
                    text = content(parser, value, images);
                } else {
                    skip(parser, value);
                }
            }
            texts.add(text);
            if ("user".equals(role)) {
                last = text;
            }
            index++;
        }
        return last;
    }

    /**
     * A plain string, or the {@code text} parts of a content array; anything else counts as no text.
     * Each part whose {@code type} is an image ({@link #IMAGE_PARTS}) is counted in {@code images}.
     */
    static String content(JsonParser parser, JsonParser.Event value, Images images) {
        if (value == JsonParser.Event.VALUE_STRING) {
            return parser.getString();
        }
        if (value != JsonParser.Event.START_ARRAY) {
            skip(parser, value);
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonParser.Event part = parser.next(); part != JsonParser.Event.END_ARRAY; part = parser.next()) {
            if (part != JsonParser.Event.START_OBJECT) {
                skip(parser, part);
                continue;
            }
            boolean image = false;
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String field = parser.getString();
                JsonParser.Event v = parser.next();
                if ("text".equals(field) && v == JsonParser.Event.VALUE_STRING) {
                    out.append(parser.getString());
                } else if ("type".equals(field) && v == JsonParser.Event.VALUE_STRING) {
                    image = IMAGE_PARTS.contains(parser.getString());
                } else {
                    skip(parser, v);
                }
            }
            if (image) {
                images.count++;
            }
        }
        return out.toString();
    }

    private static boolean includeUsage(JsonParser parser, JsonParser.Event value) {
        return JsonFields.includeUsage(parser, value);
    }

    private static void skip(JsonParser parser, JsonParser.Event value) {
        JsonFields.skip(parser, value);
    }

    /**
     * The body for the upstream: the client's JSON with only {@code model} replaced by the
     * upstream name and, when streaming, {@code stream_options.include_usage} switched on so the
     * final chunk carries the token counts the bill needs.
     */
    @Override
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        return UpstreamBody.of(body, bodyBytes, modelKeyEnd, modelValueEnd, stream && !clientWantsUsage, hasStreamOptions,
                upstreamModel, json);
    }

    /** {@link UpstreamBody#splice} of this body; null where the tree must be rebuilt. */
    byte[] splice(String upstreamModel) {
        return UpstreamBody.splice(body, bodyBytes, modelKeyEnd, modelValueEnd, stream && !clientWantsUsage,
                hasStreamOptions, upstreamModel);
    }

    @Override
    public long maxInputTokens(Route route) {
        return route.demo() ? DemoEcho.promptTokens(messageTexts) : RelayedRequest.inputBound(bodyBytes, images, route);
    }

    /** Each choice up to the output cap ({@link Gate#maxOutputTokens}). */
    @Override
    public long maxOutputTokens(Route route) {
        return RelayedRequest.bound(Gate.maxOutputTokens(route, this), choices);
    }

    @Override
    public DemoReply demo(String requestId, long created, String model, Route route) {
        DemoEcho.Answer answer = DemoEcho.answer(this, Gate.maxOutputTokens(route, this));
        Usage usage = new Usage(answer.promptTokens(), answer.completionTokens(), 0, 0);
        String id = "chatcmpl-" + requestId.substring(4);
        return stream ? DemoReply.stream(usage, DemoEcho.stream(id, created, model, answer, clientWantsUsage))
                : DemoReply.json(usage, DemoEcho.completion(id, created, model, answer));
    }

    @Override
    public boolean hideUsage() {
        return stream && !clientWantsUsage;
    }

    private static boolean bool(JsonParser.Event v, String field) {
        return JsonFields.bool(v, field);
    }

    private static Integer positive(JsonParser parser, JsonParser.Event v, String field) {
        return JsonFields.positive(parser, v, field);
    }
}
