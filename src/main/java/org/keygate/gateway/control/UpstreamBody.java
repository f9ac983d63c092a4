package org.keygate.gateway.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;

/**
 * The body a relayed call sends upstream: the client's JSON with only {@code model} replaced by
 * the upstream name and, where Keygate needs the usage of a stream the client did not ask it for,
 * {@code stream_options.include_usage} switched on. Shared by every endpoint's request so each
 * does it the one tested way.
 */
final class UpstreamBody {

    private static final byte[] STREAM_USAGE = ",\"stream_options\":{\"include_usage\":true}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_BYTES = new byte[0];

    private UpstreamBody() {
    }

    /**
     * @param modelKeyEnd, modelValueEnd the parser's stream offsets after the {@code "model"} key and its value
     * @param addUsage append {@code stream_options.include_usage: true}
     * @param hasStreamOptions the client sent {@code stream_options} (then the usage cannot be appended)
     */
    static byte[] of(byte[] body, int bodyBytes, long modelKeyEnd, long modelValueEnd, boolean addUsage,
            boolean hasStreamOptions, String upstreamModel, JsonProvider json) {
        byte[] spliced = splice(body, bodyBytes, modelKeyEnd, modelValueEnd, addUsage, hasStreamOptions, upstreamModel);
        return spliced != null ? spliced : rebuilt(body, bodyBytes, addUsage, upstreamModel, json);
    }

    /**
     * The upstream body made from the client's bytes without building a JSON tree: the model
     * value replaced where the parser found it and, if asked, the usage option appended. Null when
     * that is not safely possible — a body with non-ASCII characters before the model (the
     * parser's offsets count characters), an unexpected shape around the value, or
     * {@code stream_options} the client set without usage — and the tree is used instead.
     */
    static byte[] splice(byte[] body, int bodyBytes, long modelKeyEnd, long modelValueEnd, boolean addUsage,
            boolean hasStreamOptions, String upstreamModel) {
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
        byte[] quoted = JsonText.quote(upstreamModel).getBytes(StandardCharsets.UTF_8);
        byte[] tail = addUsage ? STREAM_USAGE : NO_BYTES;
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

    private static int skipBlanks(byte[] bytes, int i, int end) {
        while (i < end && isBlank(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static byte[] rebuilt(byte[] body, int bodyBytes, boolean addUsage, String upstreamModel, JsonProvider json) {
        JsonObject tree;
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(body, 0, bodyBytes))) {
            tree = reader.readObject();
        }
        JsonObjectBuilder out = json.createObjectBuilder(tree).add("model", upstreamModel);
        if (addUsage) {
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
}
