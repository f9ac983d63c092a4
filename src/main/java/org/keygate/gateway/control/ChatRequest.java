package org.keygate.gateway.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * The parts of a {@code POST /v1/chat/completions} body the gateway needs: the model (for the
 * allow check and routing), {@code stream}, the output cap ({@code max_completion_tokens} or
 * {@code max_tokens}) and the message texts (for the demo and for nothing else — prompts are
 * never stored). Everything else is passed to the upstream as the client sent it.
 */
public record ChatRequest(byte[] body, int bodyBytes, String model, boolean stream, boolean clientWantsUsage,
        Integer maxTokens, List<String> messageTexts, String lastUserText, long modelKeyEnd, long modelValueEnd,
        boolean hasStreamOptions) {

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
                    case "stream_options" -> {
                        hasStreamOptions = true;
                        wantsUsage = includeUsage(parser, value);
                    }
                    case "messages" -> {
                        if (value != JsonParser.Event.START_ARRAY) {
                            throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array", "messages");
                        }
                        sawMessages = true;
                        lastUser = messages(parser, texts, lastUser);
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
                List.copyOf(texts), lastUser, modelKeyEnd, modelValueEnd, hasStreamOptions);
    }

    /** Each message's text into {@code texts}; answers the last user message's text. */
    private static String messages(JsonParser parser, List<String> texts, String lastUser) {
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
                    text = content(parser, value);
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

    /** A plain string, or the {@code text} parts of a content array; anything else counts as no text. */
    private static String content(JsonParser parser, JsonParser.Event value) {
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
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String field = parser.getString();
                JsonParser.Event v = parser.next();
                if ("text".equals(field) && v == JsonParser.Event.VALUE_STRING) {
                    out.append(parser.getString());
                } else {
                    skip(parser, v);
                }
            }
        }
        return out.toString();
    }

    private static boolean includeUsage(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT) {
            skip(parser, value);
            return false;
        }
        boolean include = false;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
            String field = parser.getString();
            JsonParser.Event v = parser.next();
            if ("include_usage".equals(field)) {
                include = v == JsonParser.Event.VALUE_TRUE;
            }
            skip(parser, v);
        }
        return include;
    }

    /**
     * Consumes the value whose first event was {@code value} (a no-op for scalars), event by
     * event. Not {@code JsonParser.skipObject/skipArray}: Parsson's skipping loops forever on some
     * malformed input (e.g. {@code [1,}}), which would let one request pin a thread.
     */
    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT && value != JsonParser.Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                }
            }
        }
    }

    /**
     * The body for the upstream: the client's JSON with only {@code model} replaced by the
     * upstream name and, when streaming, {@code stream_options.include_usage} switched on so the
     * final chunk carries the token counts the bill needs.
     */
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        byte[] spliced = splice(upstreamModel);
        return spliced != null ? spliced : rebuilt(upstreamModel, json);
    }

    /**
     * The upstream body made from the client's bytes without building a JSON tree: the model
     * value replaced where the parser found it and, for a stream without {@code stream_options},
     * the usage option appended. Null when that is not safely possible — a body with non-ASCII
     * characters before the model (the parser's offsets count characters), an unexpected shape
     * around the value, or {@code stream_options} the client set without usage — and the tree is
     * used instead.
     */
    byte[] splice(String upstreamModel) {
        boolean addUsage = stream && !clientWantsUsage;
        if (modelKeyEnd < 0 || modelValueEnd > bodyBytes || (addUsage && hasStreamOptions)) {
            return null;
        }
        int keyEnd = (int) modelKeyEnd;
        int valueEnd = (int) modelValueEnd;
        for (int i = 0; i < valueEnd; i++) {
            if (body[i] < 0) {
                return null;
            }
        }
        int i = skipBlanks(body, keyEnd, valueEnd);
        if (i >= valueEnd || body[i] != ':') {
            return null;
        }
        i = skipBlanks(body, i + 1, valueEnd);
        if (i >= valueEnd - 1 || body[i] != '"' || body[valueEnd - 1] != '"') {
            return null;
        }
        int end = bodyBytes;
        if (addUsage) {
            end--;
            while (end > valueEnd && isBlank(body[end])) {
                end--;
            }
            if (body[end] != '}') {
                return null;
            }
        }
        byte[] quoted = JsonText.quote(upstreamModel).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = addUsage ? STREAM_USAGE : new byte[0];
        byte[] out = new byte[i + quoted.length + (end - valueEnd) + tail.length + (addUsage ? 1 : 0)];
        System.arraycopy(body, 0, out, 0, i);
        System.arraycopy(quoted, 0, out, i, quoted.length);
        System.arraycopy(body, valueEnd, out, i + quoted.length, end - valueEnd);
        if (addUsage) {
            System.arraycopy(tail, 0, out, i + quoted.length + end - valueEnd, tail.length);
            out[out.length - 1] = '}';
        }
        return out;
    }

    private static final byte[] STREAM_USAGE = ",\"stream_options\":{\"include_usage\":true}"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static int skipBlanks(byte[] bytes, int i, int end) {
        while (i < end && isBlank(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private byte[] rebuilt(String upstreamModel, JsonProvider json) {
        JsonObject tree;
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(body, 0, bodyBytes))) {
            tree = reader.readObject();
        }
        JsonObjectBuilder out = json.createObjectBuilder(tree).add("model", upstreamModel);
        if (stream) {
            JsonObjectBuilder options = tree.get("stream_options") instanceof JsonObject o
                    ? json.createObjectBuilder(o) : json.createObjectBuilder();
            out.add("stream_options", options.add("include_usage", true));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bodyBytes + 64);
        try (JsonWriter writer = json.createWriter(bytes)) {
            writer.writeObject(out.build());
        }
        return bytes.toByteArray();
    }

    private static boolean bool(JsonParser.Event v, String field) {
        if (v == JsonParser.Event.VALUE_NULL || v == JsonParser.Event.VALUE_FALSE) {
            return false;
        }
        if (v == JsonParser.Event.VALUE_TRUE) {
            return true;
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be true or false", field);
    }

    private static Integer positive(JsonParser parser, JsonParser.Event v, String field) {
        if (v == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (v == JsonParser.Event.VALUE_NUMBER && parser.isIntegralNumber()) {
            java.math.BigDecimal n = parser.getBigDecimal();
            if (n.signum() > 0 && n.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return n.intValueExact();
            }
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be a positive integer", field);
    }
}
