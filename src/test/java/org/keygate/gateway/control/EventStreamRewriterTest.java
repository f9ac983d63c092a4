package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class EventStreamRewriterTest {

    private final JsonProvider json = JsonProvider.provider();

    private static final String CHUNK = "data: {\"id\":\"c\",\"model\":\"up-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n";
    private static final String USAGE = "data: {\"id\":\"c\",\"model\":\"up-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,"
            + "\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":3}}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    /** Feeds {@code text} cut into pieces of {@code size} bytes; answers what the client gets. */
    private static String run(EventStreamRewriter rewriter, String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i += size) {
            List<ByteBuffer> pieces = new ArrayList<>();
            pieces.add(ByteBuffer.wrap(bytes, i, Math.min(size, bytes.length - i)));
            out.append(new String(rewriter.feed(pieces), StandardCharsets.UTF_8));
        }
        return out.append(new String(rewriter.finish(), StandardCharsets.UTF_8)).toString();
    }

    @Test
    void rewritesTheModelAndNotesUsageWhateverThePiecesAre() {
        for (int size : new int[] {1, 3, 17, 10_000}) {
            EventStreamRewriter r = new EventStreamRewriter("up-1", "p/model", false, 1 << 20, json);
            String out = run(r, ": comment\n" + CHUNK + USAGE + DONE, size);
            assertEquals(": comment\n" + CHUNK.replace("up-1", "p/model") + USAGE.replace("up-1", "p/model") + DONE, out,
                    "pieces of " + size);
            assertEquals(new Usage(11, 7, 3, 0), r.usage());
        }
    }

    @Test
    void usageTheClientDidNotAskForIsKeptFromIt() {
        EventStreamRewriter r = new EventStreamRewriter("up-1", "p/model", true, 1 << 20, json);
        String out = run(r, CHUNK + USAGE + DONE, 5);
        assertEquals(CHUNK.replace("up-1", "p/model").replace(",\"usage\":null", "") + DONE, out);
        assertEquals(new Usage(11, 7, 3, 0), r.usage(), "the bill still has it");
    }

    @Test
    void carriageReturnsAndALastLineWithoutNewline() {
        EventStreamRewriter r = new EventStreamRewriter("m", "m", false, 1 << 20, json);
        assertEquals("data: a\n\ndata: b\n", run(r, "data: a\r\n\r\ndata: b", 4));
        assertNull(r.usage());
    }

    @Test
    void aLineLongerThanTheLimitEndsTheStream() {
        EventStreamRewriter r = new EventStreamRewriter("m", "m", false, 64, json);
        assertThrows(EventStreamRewriter.TooLong.class, () -> run(r, "data: " + "x".repeat(100) + "\n", 7));
    }
}
