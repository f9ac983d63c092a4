import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.keygate.usage.control.UsageEvent;
import org.keygate.usage.control.UsageJournal;
import org.keygate.usage.control.UsageQueue;

/**
 * The usage journal on its own (bench/journal.sh): THREADS request threads each append a usage
 * record and wait until it is durable (fsynced), as every metered call does before its answer is
 * released, for SECONDS after a warm-up; a reader thread drains the journal every 100 ms the way
 * the usage writer does, so segments are deleted as they would be. Prints calls/s, the wait per
 * call (p50, p99, p99.9), fsyncs/s and records per fsync.
 * Usage: java -cp target/classes:WORK JournalBench DIR SECONDS WARMUP THREADS...
 */
public final class JournalBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        System.out.printf("%-8s %10s %10s %10s %10s %10s %10s%n", "threads", "calls/s", "p50 us", "p99 us", "p99.9 us",
                "fsyncs/s", "per fsync");
        for (int i = 3; i < args.length; i++) {
            run(Files.createTempDirectory(dir, "journal-bench-"), Integer.parseInt(args[i]), seconds, warmup);
        }
    }

    private static void run(Path dir, int threads, int seconds, int warmup) throws Exception {
        UsageQueue queue = new UsageQueue(65_536, 2_000);
        UsageJournal journal = new UsageJournal(dir, 8L << 30, queue, Thread::new);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    UsageJournal.Batch batch = journal.read(10_000);
                    if (!batch.events().isEmpty()) {
                        journal.committed(batch);
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        reader.start();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            latencies[t] = new long[4_000_000 / threads + 1_000];
            new Thread(() -> {
                try {
                    while (running.get()) {
                        UsageEvent event = new UsageEvent(UUID.randomUUID().toString(), "key-" + thread, "team-1",
                                "demo/echo", "demo", 200, null, 12, 34, 0, 0, 1_234, 3, "127.0.0.1",
                                System.currentTimeMillis() * 1000);
                        long started = System.nanoTime();
                        journal.append(event).get();
                        long took = System.nanoTime() - started;
                        if (measuring.get() && counts[thread] < latencies[thread].length) {
                            latencies[thread][counts[thread]++] = took;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        Thread.sleep(warmup * 1000L);
        long syncsBefore = journal.syncs();
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long syncs = journal.syncs() - syncsBefore;
        running.set(false);
        done.await();
        stop.set(true);
        reader.join();
        journal.close();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("%-8d %10.0f %10.0f %10.0f %10.0f %10.0f %10.1f%n", threads, total / elapsed,
                percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999), syncs / elapsed,
                syncs == 0 ? 0.0 : (double) total / syncs);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1000.0;
    }
}
