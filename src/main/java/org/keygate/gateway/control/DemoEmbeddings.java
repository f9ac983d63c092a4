package org.keygate.gateway.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The {@code demo} provider's embeddings: for each input a vector made from its text alone (the
 * same text always gives the same vector, so clients and tests can compare them), 16 dimensions
 * unless {@code dimensions} asks otherwise, as floats or as OpenAI's base64 of little-endian
 * float32s; usage as {@link EmbeddingsRequest#inputTokens}.
 */
final class DemoEmbeddings {

    static final int DIMENSIONS = 16;

    private DemoEmbeddings() {
    }

    static DemoReply answer(EmbeddingsRequest request, String model) {
        int dimensions = request.dimensions() == null ? DIMENSIONS : request.dimensions();
        long tokens = request.inputTokens();
        StringBuilder out = new StringBuilder(128 + dimensions * 12);
        out.append("{\"object\":\"list\",\"data\":[");
        int count = request.texts().isEmpty() ? 1 : request.texts().size();
        for (int i = 0; i < count; i++) {
            String text = request.texts().isEmpty() ? "" : request.texts().get(i);
            float[] vector = vector(text, dimensions);
            out.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":");
            if (request.base64()) {
                ByteBuffer bytes = ByteBuffer.allocate(dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    bytes.putFloat(f);
                }
                out.append('"').append(Base64.getEncoder().encodeToString(bytes.array())).append('"');
            } else {
                out.append('[');
                for (int d = 0; d < dimensions; d++) {
                    out.append(d == 0 ? "" : ",").append(vector[d]);
                }
                out.append(']');
            }
            out.append('}');
        }
        out.append("],\"model\":");
        JsonText.quote(out, model);
        out.append(",\"usage\":{\"prompt_tokens\":").append(tokens).append(",\"total_tokens\":").append(tokens).append("}}");
        return DemoReply.json(new Usage(tokens, 0, 0, 0), out.toString());
    }

    /** Values in [-1, 1) from a 64-bit FNV-1a hash of the text, stepped per dimension. */
    static float[] vector(String text, int dimensions) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        float[] out = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            hash = (hash ^ d) * 0x100000001b3L;
            out[d] = ((hash >>> 40) & 0xffff) / 32768f - 1f;
        }
        return out;
    }
}
