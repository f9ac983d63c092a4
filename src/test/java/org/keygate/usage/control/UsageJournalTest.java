package org.keygate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a real directory: appends come back in order once fsynced, survive a reopen
 * (the stand-in for a restart after a crash: the files are all a new process has), a torn last
 * record is cut off, written segments are deleted, the disk budget refuses, and a directory is
 * never shared.
 */
class UsageJournalTest {

    @TempDir
    Path dir;

    private final List<UsageJournal> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(UsageJournal::close);
    }

    private UsageJournal journal(long maxBytes) throws IOException {
        UsageJournal journal = new UsageJournal(dir, maxBytes, new UsageQueue(10_000, 100), Thread::new);
        open.add(journal);
        return journal;
    }

    static UsageEvent event(String id, long cost) {
        return new UsageEvent(id, "key_1", "team_1", "demo/echo", "demo", 200, null, 10, 20, 3, 1, cost, 7,
                "10.0.0.1", 1_700_000_000_000_000L);
    }

    private static void appendAll(UsageJournal journal, String prefix, int n) throws Exception {
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            durable.add(journal.append(event(prefix + i, i)));
        }
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    private static List<String> ids(UsageJournal.Batch batch) {
        return batch.events().stream().map(UsageEvent::requestId).toList();
    }

    @Test
    void appendedEventsAreReadBackWholeAndInOrderOnceDurable() throws Exception {
        UsageJournal journal = journal(1 << 20);
        appendAll(journal, "req_", 100);
        UsageJournal.Batch batch = journal.read(1000);
        assertEquals(100, batch.events().size());
        assertEquals(event("req_42", 42), batch.events().get(42), "every field survives the round trip");
        assertFalse(batch.replayed());
        assertEquals(100, journal.backlog());
        journal.committed(batch);
        assertEquals(0, journal.backlog());
        assertTrue(journal.read(1000).events().isEmpty(), "nothing after the committed batch");
        assertTrue(journal.syncs() >= 1 && journal.syncs() <= 100, "group commit: one fsync covers several appends");
    }

    @Test
    void aBatchNotCommittedIsReadAgain() throws Exception {
        UsageJournal journal = journal(1 << 20);
        appendAll(journal, "req_", 10);
        assertEquals(10, journal.read(4).events().size() + 6);
        UsageJournal.Batch again = journal.read(4);
        assertEquals(List.of("req_0", "req_1", "req_2", "req_3"), ids(again), "a failed write leaves the cursor");
        journal.committed(again);
        assertEquals(List.of("req_4", "req_5", "req_6", "req_7", "req_8", "req_9"), ids(journal.read(100)));
    }

    @Test
    void whatAnEarlierRunLeftIsReadFirstAfterAReopenAndMarkedReplayed() throws Exception {
        UsageJournal first = journal(1 << 20);
        appendAll(first, "old_", 5);
        first.committed(first.read(2)); // two reached the database before the "crash"
        open.remove(first);
        abandon(first);

        UsageJournal second = journal(1 << 20);
        assertEquals(5, second.backlog(), "the reopened journal cannot know which ones were written");
        appendAll(second, "new_", 2);
        UsageJournal.Batch replay = second.read(100);
        assertTrue(replay.replayed());
        assertEquals(List.of("old_0", "old_1", "old_2", "old_3", "old_4", "new_0", "new_1"), ids(replay));
        second.committed(replay);
        assertEquals(0, second.backlog());
        assertEquals(1, segments().size(), "the earlier run's segment is deleted once written");
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRecordsBeforeItKept() throws Exception {
        UsageJournal first = journal(1 << 20);
        appendAll(first, "req_", 3);
        open.remove(first);
        abandon(first);
        Path segment = segments().get(0);
        long intact = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer half = ByteBuffer.allocate(30).putInt(120).putInt(12345); // a header, half a payload
            half.position(30).flip();
            channel.write(half);
        }

        UsageJournal second = journal(1 << 20);
        assertEquals(3, second.backlog());
        assertEquals(List.of("req_0", "req_1", "req_2"), ids(second.read(100)));
        assertEquals(intact, Files.size(segment), "the torn tail is cut off");
    }

    @Test
    void aDamagedChecksumEndsTheReadablePart() throws Exception {
        UsageJournal first = journal(1 << 20);
        appendAll(first, "req_", 3);
        open.remove(first);
        abandon(first);
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55; // inside the last record's payload
        Files.write(segment, bytes);

        UsageJournal second = journal(1 << 20);
        assertEquals(List.of("req_0", "req_1"), ids(second.read(100)));
    }

    @Test
    void pastItsDiskBudgetTheJournalRefusesWithMeteringUnavailable() throws Exception {
        UsageJournal journal = journal(8192);
        assertNull(journal.refusal());
        int appended = 0;
        while (journal.refusal() == null && appended < 10_000) {
            journal.append(event("req_" + appended, 1)).get(10, TimeUnit.SECONDS);
            appended++;
        }
        assertTrue(appended > 10 && appended < 10_000, "refuses once about 8 KiB are on disk: " + appended);
        MeteringUnavailable refused = assertThrows(MeteringUnavailable.class, () -> journal.append(event("late", 1)));
        assertTrue(refused.getMessage().contains("keygate.usage.journal-max-bytes"), refused.getMessage());

        UsageJournal.Batch batch;
        while (!(batch = journal.read(1000)).events().isEmpty() || journal.backlog() > 0) {
            journal.committed(batch);
        }
        assertNull(journal.refusal(), "written to the database, the segments are deleted and calls pass again");
        assertNotNull(journal.append(event("after", 1)));
    }

    @Test
    void segmentsRotateAndWrittenOnesAreDeleted() throws Exception {
        UsageJournal journal = journal(64 * 1024); // 4 KiB segments
        for (int round = 0; round < 5; round++) {
            appendAll(journal, "r" + round + "_", 40);
        }
        assertTrue(segments().size() > 2, "rotated: " + segments());
        UsageJournal.Batch batch;
        int read = 0;
        while (!(batch = journal.read(30)).events().isEmpty()) {
            read += batch.events().size();
            journal.committed(batch);
        }
        journal.committed(batch);
        assertEquals(200, read);
        assertEquals(1, segments().size(), "only the segment being written is left: " + segments());
    }

    @Test
    void twoJournalsNeverShareADirectory() throws Exception {
        journal(1 << 20);
        IOException refused = assertThrows(IOException.class, () -> journal(1 << 20));
        assertTrue(refused.getMessage().contains("keygate.usage.journal-dir"), refused.getMessage());
    }

    @Test
    void aCleanCloseWithEverythingWrittenLeavesNoSegment() throws Exception {
        UsageJournal journal = journal(1 << 20);
        appendAll(journal, "req_", 3);
        journal.committed(journal.read(10));
        open.remove(journal);
        journal.close();
        assertEquals(List.of(), segments());
    }

    /** Lets go of a journal as a killed process would: no final write, the lock released. */
    private static void abandon(UsageJournal journal) {
        journal.close(); // everything appended was already fsynced; close only stops the thread and unlocks
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        }
    }
}
