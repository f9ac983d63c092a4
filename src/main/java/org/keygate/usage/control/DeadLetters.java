package org.keygate.usage.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.keygate.platform.control.Json;
import org.keygate.platform.control.JsonTrees;
import org.keygate.platform.control.Secrets;

/**
 * Usage records the database refused on their own — not because it was away, but because of the
 * record (a value a constraint or a trigger rejects) — set aside in {@code dead-letter.jsonl} of
 * the journal's directory instead of being retried forever: one of them would otherwise hold every
 * record behind it in the journal until the journal's budget refuses all calls. One JSON object per
 * line ({@code at}, {@code error}, {@code record} in the usage record's own field names), fsynced
 * before the journal moves past it, for an operator to correct and replay. Such a record is not in
 * the usage tables and its cost was not debited.
 */
public final class DeadLetters {

    public static final String FILE = "dead-letter.jsonl";

    private final Path file;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(Path journalDir) {
        this.file = journalDir.resolve(FILE);
    }

    /** Appends {@code event} with the reason the database gave and forces it to disk. */
    public void add(UsageEvent event, Throwable refusal, Instant at) throws IOException {
        String line = "{\"at\":" + JsonTrees.of(at.toString()) + ",\"error\":"
                + JsonTrees.of(Secrets.mask(String.valueOf(refusal))) + ",\"record\":" + Json.write(event) + "}\n";
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        count.incrementAndGet();
    }

    /** Records set aside since start. */
    public long count() {
        return count.get();
    }

    public Path file() {
        return file;
    }
}
