package org.keygate.gateway.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

/**
 * The parts of a {@code POST /v1/chat/completions} body the gateway needs: the model (for the
 * allow check and routing), {@code stream}, the output cap ({@code max_completion_tokens} or
 * {@code max_tokens}) and the message texts (for the demo and for nothing else — prompts are
 * never stored). Everything else is passed to the upstream as the client sent it.
 */
public record ChatRequest(JsonObject json, int bodyBytes, String model, boolean stream, boolean clientWantsUsage,
        Integer maxTokens, List<String> messageTexts, String lastUserText) {

    public static ChatRequest parse(byte[] body, int length, JsonProvider json) {
        JsonStructure parsed;
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(body, 0, length))) {
            parsed = reader.read();
        } catch (JsonParsingException e) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
        } catch (RuntimeException e) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body must be a JSON object");
        }
        if (!(object.get("model") instanceof JsonString model) || model.getString().isEmpty()) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "'model' is required and must be a string", "model");
        }
        if (!(object.get("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "'messages' must be a non-empty array", "messages");
        }
        boolean stream = bool(object, "stream");
        boolean wantsUsage = object.get("stream_options") instanceof JsonObject options && bool(options, "include_usage");
        Integer max = positive(object, "max_completion_tokens");
        if (max == null) {
            max = positive(object, "max_tokens");
        }
        List<String> texts = new ArrayList<>(messages.size());
        String lastUser = "";
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof JsonObject message)) {
                throw new GatewayException(GatewayError.INVALID_REQUEST, "every message must be an object", "messages[" + i + "]");
            }
            String text = text(message.get("content"));
            texts.add(text);
            if (message.get("role") instanceof JsonString role && "user".equals(role.getString())) {
                lastUser = text;
            }
        }
        return new ChatRequest(object, length, model.getString(), stream, wantsUsage, max, List.copyOf(texts), lastUser);
    }

    /**
     * The body for the upstream: the client's JSON with only {@code model} replaced by the
     * upstream name and, when streaming, {@code stream_options.include_usage} switched on so the
     * final chunk carries the token counts the bill needs.
     */
    public byte[] forUpstream(String upstreamModel, JsonProvider json) {
        JsonObjectBuilder out = json.createObjectBuilder(this.json).add("model", upstreamModel);
        if (stream) {
            JsonObjectBuilder options = this.json.get("stream_options") instanceof JsonObject o
                    ? json.createObjectBuilder(o) : json.createObjectBuilder();
            out.add("stream_options", options.add("include_usage", true));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bodyBytes + 64);
        try (JsonWriter writer = json.createWriter(bytes)) {
            writer.writeObject(out.build());
        }
        return bytes.toByteArray();
    }

    private static boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be true or false", field);
    }

    private static Integer positive(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().signum() > 0
                && n.bigIntegerValue().bitLength() < 31) {
            return n.intValue();
        }
        throw new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be a positive integer", field);
    }

    /** A message's text: a plain string, or the {@code text} parts of a content array. */
    static String text(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        if (content instanceof JsonArray parts) {
            StringBuilder out = new StringBuilder();
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p && p.get("text") instanceof JsonString t) {
                    out.append(t.getString());
                }
            }
            return out.toString();
        }
        return "";
    }
}
