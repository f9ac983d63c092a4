package org.keygate.gateway.control;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * Turns an upstream's SSE stream, piece by piece as it arrives, into what the client receives:
 * every line as it came except the {@code model} of {@code data:} lines (upstream name back to the
 * catalogue id, {@link ModelField}), and notes the {@code usage} the bill needs. When Keygate asked
 * the upstream for usage the client did not ask for ({@code stream_options.include_usage}), the
 * client gets the stream it asked for: the usage-only chunk (no choices) is dropped with its blank
 * line, and the {@code "usage":null} that such upstreams add to every other chunk is taken out.
 * Lines may be split across pieces; a line is handled once it is complete. Not thread-safe: one
 * stream, one reader at a time.
 */
public final class EventStreamRewriter {

    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_BYTES = new byte[0];

    private final String upstreamModel;
    private final String modelId;
    private final boolean hideUsage;
    private final int maxLineBytes;
    private final JsonProvider json;
    private final Endpoint.StreamMeter meter;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipBlank;
    private Usage usage;

    /**
     * @param hideUsage the client did not ask for usage, Keygate did: keep it from the client
     * @param maxLineBytes a longer line ends the stream ({@link TooLong})
     */
    public EventStreamRewriter(String upstreamModel, String modelId, boolean hideUsage, int maxLineBytes,
            JsonProvider json) {
        this(upstreamModel, modelId, hideUsage, maxLineBytes, json, Endpoint.CHAT);
    }

    /** @param endpoint how the stream's events carry their usage ({@link Endpoint#streamMeter}) */
    public EventStreamRewriter(String upstreamModel, String modelId, boolean hideUsage, int maxLineBytes,
            JsonProvider json, Endpoint endpoint) {
        this.meter = endpoint.streamMeter();
        this.upstreamModel = upstreamModel;
        this.modelId = modelId;
        this.hideUsage = hideUsage;
        this.maxLineBytes = maxLineBytes;
        this.json = json;
    }

    /** The usage the stream reported so far, or null. */
    public Usage usage() {
        return usage;
    }

    /** What to send the client for these pieces (possibly nothing: a line not yet complete). */
    public byte[] feed(List<ByteBuffer> pieces) {
        out.reset();
        for (ByteBuffer piece : pieces) {
            while (piece.hasRemaining()) {
                byte b = piece.get();
                if (b == '\n') {
                    line(lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength);
                    lineLength = 0;
                } else {
                    if (lineLength >= maxLineBytes) {
                        throw new TooLong(maxLineBytes);
                    }
                    if (lineLength == line.length) {
                        line = Arrays.copyOf(line, Math.min(maxLineBytes, lineLength * 2));
                    }
                    line[lineLength++] = b;
                }
            }
        }
        return out.size() == 0 ? NO_BYTES : out.toByteArray();
    }

    /** What is left at the end of the stream: a last line without its newline, if any. */
    public byte[] finish() {
        if (lineLength == 0) {
            return NO_BYTES;
        }
        out.reset();
        line(lineLength);
        lineLength = 0;
        return out.toByteArray();
    }

    private void line(int length) {
        if (length == 0) {
            if (skipBlank) {
                skipBlank = false;
                return;
            }
            out.write('\n');
            return;
        }
        skipBlank = false;
        if (!startsWith(line, length, DATA)) {
            out.write(line, 0, length);
            out.write('\n');
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (text.contains("\"usage\"")) {
            JsonObject chunk = object(text.substring(5).strip(), json);
            Usage seen = chunk == null ? null : meter.seen(chunk);
            if (seen != null) {
                usage = seen;
                if (hideUsage && chunk.get("choices") instanceof JsonArray choices && choices.isEmpty()) {
                    skipBlank = true; // the event's terminating blank line goes with it
                    return;
                }
            }
            if (hideUsage) {
                text = text.replace(",\"usage\":null", "").replace("\"usage\":null,", "");
            }
        }
        out.writeBytes(ModelField.rewrite(text, upstreamModel, modelId).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** The JSON object in {@code text}, or null when it is none. */
    public static JsonObject object(String text, JsonProvider json) {
        if (!text.startsWith("{")) {
            return null;
        }
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A line longer than the limit: the stream is not an SSE stream Keygate will pass on. */
    public static final class TooLong extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooLong(int max) {
            super("an event stream line is longer than " + max + " bytes");
        }
    }
}
