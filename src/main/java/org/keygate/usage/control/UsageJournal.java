package org.keygate.usage.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The node-local, append-only record of every metered call, written before the call's answer is
 * released: one writer thread takes what the request threads queued ({@link UsageQueue}), appends
 * it to the current segment file and fsyncs once for everything that came in meanwhile (group
 * commit: while one fsync runs, the next batch gathers), then completes each call's future. The
 * usage writer reads the journal back in order ({@link #read}) and, once a batch is committed to
 * the database ({@link #committed}), segments behind it are deleted. At start the segments left
 * by the previous run are read first, so a crash loses nothing that was fsynced; their records may
 * already be in the database, which the writer checks by {@code request_id}.
 *
 * <p>The directory is locked for the lifetime of the journal: two servers never share one. Its
 * size is bounded by {@code maxBytes}; past it {@link #append} refuses with
 * {@link MeteringUnavailable}, as it does after a failed write (the journal then stays closed
 * until restart, fail-closed).
 */
public final class UsageJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UsageJournal.class.getName());
    private static final String SUFFIX = ".journal";
    private static final int MAX_GROUP = 4096;
    private static final int READ_CHUNK = 1 << 20;

    /** One segment file; {@code durable} is the length fsynced so far (always a record boundary). */
    private static final class Segment {
        final long id;
        final Path path;
        volatile long durable;
        FileChannel reader;

        Segment(long id, Path path, long durable) {
            this.id = id;
            this.path = path;
            this.durable = durable;
        }
    }

    /** Events read from the journal, and where reading continues once they are committed. */
    public record Batch(List<UsageEvent> events, long segment, long offset, boolean replayed) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final UsageQueue queue;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final AtomicLong diskBytes = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final long firstLiveSegment;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread writer;
    private volatile boolean stopping;
    private volatile String failure;
    private volatile Segment current;
    private FileChannel out;
    private long cursorSegment;
    private long cursorOffset;

    /**
     * Opens (creating it if need be) the journal in {@code dir}, locks it, reads what the previous
     * run left (a torn last record is cut off) and starts the writer thread from {@code threads}.
     */
    public UsageJournal(Path dir, long maxBytes, UsageQueue queue, ThreadFactory threads) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(16L << 20, maxBytes / 16));
        this.queue = queue;
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            taken = null;
        }
        if (taken == null) {
            lockChannel.close();
            throw new IOException("the usage journal " + dir + " is in use by another server; give each server its"
                    + " own keygate.usage.journal-dir");
        }
        lock = taken;
        long last = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                long id = Long.parseLong(file.getFileName().toString().replace(SUFFIX, ""));
                Segment old = new Segment(id, file, recover(file));
                segments.put(id, old);
                diskBytes.addAndGet(old.durable);
                last = Math.max(last, id);
            }
        }
        firstLiveSegment = last + 1;
        cursorSegment = segments.isEmpty() ? firstLiveSegment : segments.firstKey();
        openSegment(firstLiveSegment);
        writer = threads.newThread(this::run);
        writer.setName("keygate-usage-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Counts the intact records of a segment of an earlier run and cuts off a torn tail; its intact length. */
    private long recover(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long valid = 0;
            long records = 0;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all
            }
            buffer.flip();
            List<UsageEvent> events = new ArrayList<>();
            while (true) {
                events.clear();
                boolean clean = JournalRecords.read(buffer, events, 10_000);
                records += events.size();
                valid = buffer.position();
                if (!clean || !buffer.hasRemaining()) {
                    break;
                }
            }
            if (valid < size) {
                LOG.warning("usage journal " + file + ": " + (size - valid) + " bytes after the last intact record"
                        + " (a write cut off by a crash, never acknowledged) are dropped");
                channel.truncate(valid);
                channel.force(true);
            }
            appended.addAndGet(records);
            if (records > 0) {
                LOG.info("usage journal " + file + ": " + records + " records of an earlier run to write");
            }
            return valid;
        }
    }

    private void openSegment(long id) throws IOException {
        Path path = dir.resolve(String.format("%020d", id) + SUFFIX);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true); // the new file's name survives a crash too
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot fsync the journal directory on this platform", e);
        }
        Segment segment = new Segment(id, path, 0);
        segments.put(id, segment);
        if (out != null) {
            out.close();
        }
        out = channel;
        current = segment;
    }

    /**
     * Queues {@code event} for the journal; the future completes once it is fsynced (exceptionally
     * if the write failed). Refuses at once when the journal cannot take it, and after a bounded
     * wait when its queue stays full.
     */
    public CompletableFuture<Void> append(UsageEvent event) {
        String refusal = refusal();
        if (refusal != null) {
            throw new MeteringUnavailable(refusal);
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        queue.add(new UsageQueue.Entry(event, durable));
        return durable;
    }

    /** A write or fsync failed: the journal refuses every append until the server restarts. */
    public boolean failed() {
        return failure != null;
    }

    /** Null while the journal takes appends; otherwise why not. */
    public String refusal() {
        if (failure != null) {
            return failure;
        }
        if (stopping) {
            return "the usage journal is closed";
        }
        if (diskBytes.get() >= maxBytes) {
            return "the usage journal holds " + diskBytes.get() + " bytes not yet written to the database, its"
                    + " budget (keygate.usage.journal-max-bytes) is " + maxBytes;
        }
        return null;
    }

    /** Completes once everything queued before this call is fsynced. */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.isAlive()) {
            done.complete(null);
            return done;
        }
        queue.add(new UsageQueue.Entry(null, done));
        return done;
    }

    private void run() {
        List<UsageQueue.Entry> group = new ArrayList<>(256);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            group.clear();
            try {
                UsageQueue.Entry first = queue.poll(50);
                if (first == null) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
            }
            queue.drainTo(group, MAX_GROUP - group.size());
            bytes.reset();
            int records = 0;
            for (UsageQueue.Entry entry : group) {
                if (entry.event() != null) {
                    JournalRecords.write(entry.event(), bytes);
                    records++;
                }
            }
            try {
                if (failure != null) {
                    throw new IOException(failure);
                }
                if (records > 0) {
                    write(bytes);
                    appended.addAndGet(records);
                }
                group.forEach(entry -> entry.durable().complete(null));
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = "the usage journal could not be written: " + e;
                    LOG.log(Level.SEVERE, "the usage journal in " + dir + " failed; gateway calls are refused"
                            + " (metering_unavailable) until the server restarts", e);
                }
                MeteringUnavailable refused = new MeteringUnavailable(failure);
                group.forEach(entry -> entry.durable().completeExceptionally(refused));
            }
        }
    }

    private void write(ByteArrayOutputStream bytes) throws IOException {
        if (current.durable > 0 && current.durable + bytes.size() > segmentBytes) {
            openSegment(current.id + 1);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        out.force(false);
        syncs.incrementAndGet();
        diskBytes.addAndGet(bytes.size());
        current.durable += bytes.size();
    }

    /**
     * The next at most {@code max} fsynced records after the last committed batch, in the order
     * they were appended. Called by one thread at a time (the usage writer).
     */
    public Batch read(int max) throws IOException {
        List<UsageEvent> events = new ArrayList<>(Math.min(max, 1024));
        long segmentId = cursorSegment;
        long offset = cursorOffset;
        boolean replayed = segmentId < firstLiveSegment;
        while (events.size() < max) {
            Map.Entry<Long, Segment> entry = segments.ceilingEntry(segmentId);
            if (entry == null) {
                break;
            }
            Segment segment = entry.getValue();
            if (segment.id != segmentId) {
                segmentId = segment.id;
                offset = 0;
            }
            long end = segment.durable;
            if (offset >= end) {
                if (segments.higherKey(segmentId) == null) {
                    break; // the segment being written: nothing more is durable yet
                }
                segmentId++;
                offset = 0;
                continue;
            }
            if (segment.reader == null) {
                segment.reader = FileChannel.open(segment.path, StandardOpenOption.READ);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_CHUNK, end - offset));
            while (buffer.hasRemaining()) {
                if (segment.reader.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            buffer.flip();
            int before = events.size();
            JournalRecords.read(buffer, events, max);
            if (events.size() == before && buffer.position() == 0) {
                if (buffer.limit() == READ_CHUNK) {
                    throw new IOException("a usage journal record in " + segment.path + " is larger than the read chunk");
                }
                throw new IOException("damaged usage journal record in " + segment.path + " at byte " + offset);
            }
            offset += buffer.position();
            if (segmentId < firstLiveSegment) {
                replayed = true;
            }
        }
        return new Batch(events, segmentId, offset, replayed);
    }

    /** {@code batch} is in the database: reading goes on after it, and segments behind it are deleted. */
    public void committed(Batch batch) {
        cursorSegment = batch.segment();
        cursorOffset = batch.offset();
        committed.addAndGet(batch.events().size());
        for (Segment done : segments.headMap(batch.segment()).values()) {
            delete(done);
        }
        Segment at = segments.get(batch.segment());
        if (at != null && at != current && batch.offset() >= at.durable && segments.higherKey(at.id) != null) {
            delete(at);
        }
    }

    private void delete(Segment segment) {
        segments.remove(segment.id);
        try {
            if (segment.reader != null) {
                segment.reader.close();
            }
            Files.deleteIfExists(segment.path);
            diskBytes.addAndGet(-segment.durable);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the written usage journal segment " + segment.path, e);
        }
    }

    /** The segment the next read starts in; a committed batch ending in a later one lets segments be deleted. */
    public long cursorSegment() {
        return cursorSegment;
    }

    /** Records in the journal not yet committed to the database. */
    public long backlog() {
        return appended.get() - committed.get();
    }

    /** Bytes of the journal's files on disk (its budget is {@code keygate.usage.journal-max-bytes}). */
    public long diskBytes() {
        return diskBytes.get();
    }

    /** fsyncs done since start; each covers every call appended while the previous one ran. */
    public long syncs() {
        return syncs.get();
    }

    public Path dir() {
        return dir;
    }

    /** Writes what is queued, stops the writer thread (bounded wait) and releases the directory. */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (Segment segment : segments.values()) {
                if (segment.reader != null) {
                    segment.reader.close();
                }
            }
            if (out != null) {
                out.close();
            }
            if (backlog() == 0 && queue.isEmpty() && failure == null) {
                for (Segment segment : segments.values()) {
                    Files.deleteIfExists(segment.path); // all written: the next start has nothing to read
                }
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the usage journal " + dir, e);
        }
    }
}
