import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;

/**
 * The benchmark's OpenAI-compatible upstream on 127.0.0.1: one thread, non-blocking, so it holds
 * thousands of open calls. The path picks the behaviour ({@code POST /<mode>/v1/chat/completions}):
 * {@code fast} answers a fixed completion at once, {@code slow} answers it after 2 s, {@code stream}
 * sends 20 SSE chunks 100 ms apart (the last with usage), then {@code [DONE]}. Keep-alive HTTP/1.1.
 * {@code GET /stats} answers the calls served and the most connections open at once.
 *
 * <p>Run: {@code java bench/RelayStub.java <port>}.
 */
public class RelayStub {

    static final long SLOW_NANOS = 2_000_000_000L;
    static final int EVENTS = 20;
    static final long EVENT_GAP_NANOS = 100_000_000L;
    static final String USAGE = "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}";
    static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"bench says hi\"},"
            + "\"finish_reason\":\"stop\"}]," + USAGE + "}").getBytes(StandardCharsets.UTF_8);

    /** A write due at a time: a slow answer, or the next chunk of a stream. */
    record Due(long at, Conn conn, int step) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return Long.compare(at, o.at);
        }
    }

    static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(16384);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean busy; // a request is being answered
        boolean closed;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Selector selector;
    private final PriorityQueue<Due> timers = new PriorityQueue<>();
    private long served;
    private int open;
    private int mostOpen;

    RelayStub(int port) throws IOException {
        selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 8192);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(String[] args) throws IOException {
        new RelayStub(Integer.parseInt(args[0])).run();
    }

    void run() throws IOException {
        while (true) {
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().at <= now) {
                Due due = timers.poll();
                if (!due.conn.closed) {
                    step(due.conn, due.step, now);
                }
            }
            long wait = timers.isEmpty() ? 1000 : Math.max(1, (timers.peek().at - now) / 1_000_000);
            selector.select(wait);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel());
                        continue;
                    }
                    Conn conn = (Conn) key.attachment();
                    if (key.isWritable()) {
                        flush(conn);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(conn);
                    }
                } catch (IOException e) {
                    close((Conn) key.attachment());
                }
            }
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(channel);
            conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
            open++;
            mostOpen = Math.max(mostOpen, open);
        }
    }

    private void read(Conn conn) throws IOException {
        int n = conn.channel.read(conn.in);
        if (n < 0) {
            close(conn);
            return;
        }
        if (!conn.in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
            conn.in.flip();
            bigger.put(conn.in);
            conn.in = bigger;
        }
        handle(conn);
    }

    /** Answers the request at the front of the input buffer, if it is complete and none is being answered. */
    private void handle(Conn conn) throws IOException {
        if (conn.busy) {
            return;
        }
        String text = new String(conn.in.array(), 0, conn.in.position(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        int length = 0;
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        int total = end + 4 + length;
        if (conn.in.position() < total) {
            return;
        }
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        conn.in.flip();
        conn.in.position(total);
        conn.in.compact();
        String path = requestLine.split(" ")[1];
        long now = System.nanoTime();
        if (path.startsWith("/stats")) {
            send(conn, json(200, ("{\"served\":" + served + ",\"open\":" + open + ",\"most_open\":" + mostOpen + "}")
                    .getBytes(StandardCharsets.UTF_8)));
            handle(conn);
            return;
        }
        served++;
        if (path.startsWith("/slow/")) {
            conn.busy = true;
            timers.add(new Due(now + SLOW_NANOS, conn, -1));
        } else if (path.startsWith("/stream/")) {
            conn.busy = true;
            send(conn, ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            timers.add(new Due(now + EVENT_GAP_NANOS, conn, 0));
        } else {
            send(conn, json(200, COMPLETION));
            handle(conn);
        }
    }

    /** A timer fired: the slow answer (step -1) or stream chunk {@code step}. */
    private void step(Conn conn, int step, long now) {
        try {
            if (step < 0) {
                send(conn, json(200, COMPLETION));
                conn.busy = false;
                handle(conn);
                return;
            }
            String data = step < EVENTS - 1
                    ? "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"word" + step + " \"},\"finish_reason\":null}]}"
                    : "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                            + USAGE + "}";
            String event = "data: " + data + "\n\n" + (step == EVENTS - 1 ? "data: [DONE]\n\n" : "");
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            String chunk = Integer.toHexString(bytes.length) + "\r\n" + event + "\r\n" + (step == EVENTS - 1 ? "0\r\n\r\n" : "");
            send(conn, ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
            if (step < EVENTS - 1) {
                timers.add(new Due(now + EVENT_GAP_NANOS, conn, step + 1));
            } else {
                conn.busy = false;
                handle(conn);
            }
        } catch (IOException e) {
            close(conn);
        }
    }

    private static ByteBuffer json(int status, byte[] body) {
        byte[] head = ("HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
    }

    private void send(Conn conn, ByteBuffer bytes) throws IOException {
        conn.out.add(bytes);
        flush(conn);
    }

    private void flush(Conn conn) throws IOException {
        while (!conn.out.isEmpty()) {
            ByteBuffer head = conn.out.peek();
            conn.channel.write(head);
            if (head.hasRemaining()) {
                conn.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            conn.out.poll();
        }
        if (conn.key.isValid()) {
            conn.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void close(Conn conn) {
        if (conn == null || conn.closed) {
            return;
        }
        conn.closed = true;
        open--;
        try {
            conn.channel.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }
}
