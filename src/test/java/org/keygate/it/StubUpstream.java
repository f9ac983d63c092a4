package org.keygate.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenAI-compatible upstream on 127.0.0.1, started by a test. The upstream model name
 * picks the behaviour: {@code ok}, {@code slow} (0.3 s, then ok), {@code error} (HTTP 500),
 * {@code timeout} (answers after 12 s), {@code bad} (HTTP 400 with an OpenAI error), {@code held}
 * (streams one chunk, then waits until the test opens {@link #release}), {@code stall} (sends the
 * headers and part of the answer — or one stream chunk — then goes silent for 12 s),
 * {@code gather-N} (waits until N such calls are in flight at once, or 30 s, then ok; counts the
 * most it saw at once), {@code drip} (streams {@link #DRIP_EVENTS} chunks 50 ms apart and reports
 * in {@link #dripEnds} how many it wrote before its connection was closed, or -1 when it sent them
 * all). A {@code "stream": true} request gets SSE with a final usage chunk when asked for it (and
 * then, as OpenAI's API does, {@code "usage":null} in every other chunk). {@code /v1/embeddings}
 * answers one vector per call with {@link #PROMPT} input tokens (model {@code error}: HTTP 500).
 * {@code /v1/completions} answers {@code text_completion}s like the chat answers (JSON, or SSE with
 * the usage chunk when asked). {@code /v1/responses} answers an OpenAI {@code response} object with
 * the same token counts under the Responses API's names, or streamed OpenAI's event sequence with
 * them only in its final {@code response.completed} (model {@code error}: HTTP 500; {@code bad}:
 * HTTP 400; {@code drip}, {@code stall} and {@code held} as for chat, after the stream's opening events). {@code /v1/messages} answers like Anthropic's Messages API: a
 * {@code message} with {@link #ANTHROPIC_INPUT} plain input tokens, {@link #CACHED} read from and
 * {@link #CACHE_WRITTEN} written to the cache ({@link #PROMPT} in all) and {@link #COMPLETION}
 * output tokens, or its event stream (the input in {@code message_start}, the output in
 * {@code message_delta}); model {@code bad}: Anthropic's 400, {@code overloaded}: its 529; {@code drip},
 * {@code stall} and {@code held} as for chat, after {@code message_start} and before any {@code message_delta}. Every
 * request it receives is kept, with its headers, for the test to inspect.
 */
final class StubUpstream implements AutoCloseable {

    static final int PROMPT = 11;
    static final int COMPLETION = 7;
    static final int CACHED = 3;
    static final int REASONING = 2;
    static final int CACHE_WRITTEN = 2;
    static final int ANTHROPIC_INPUT = PROMPT - CACHED - CACHE_WRITTEN;

    /** What the upstream received: the Authorization header, the body and every header (names case-insensitive). */
    record Received(String authorization, JsonObject body, com.sun.net.httpserver.Headers headers) {
    }

    static final int DRIP_EVENTS = 100;
    /** Where a Responses stream's text events say they are: its one message's one text part. */
    private static final String RESPONSE_PART = "\"item_id\":\"msg_stub\",\"output_index\":0,\"content_index\":0,";

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Model {@code drip}: per call, the chunks written before the connection was closed (-1: all of them). */
    final java.util.concurrent.BlockingQueue<Integer> dripEnds = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Object gatherLock = new Object();
    private int gathered;
    private int mostGathered;
    /** Model {@code held}: streams its first chunk, then waits for this before the rest. */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    StubUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/embeddings", this::embeddings);
        server.createContext("/v1/completions", this::completions);
        server.createContext("/v1/responses", this::responses);
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    /**
     * A stub for one test class, started before its first test and stopped after its last:
     * {@code @RegisterExtension static final StubUpstream.PerClass STUB = new StubUpstream.PerClass();}
     */
    static final class PerClass implements org.junit.jupiter.api.extension.BeforeAllCallback,
            org.junit.jupiter.api.extension.AfterAllCallback {

        private StubUpstream stub;

        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
            stub = new StubUpstream();
        }

        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            stub.close();
        }

        StubUpstream get() {
            return stub;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = received(exchange);
            String model = body.getString("model");
            if (model.startsWith("gather-")) {
                gather(Integer.parseInt(model.substring(7)));
            }
            switch (model) {
                case "slow" -> sleep(300);
                case "timeout" -> sleep(12_000);
                case "error" -> {
                    send(exchange, 500, "application/json", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
                    return;
                }
                case "drip" -> {
                    drip(exchange, "", i -> "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                            + "\"model\":\"drip\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"drop " + i
                            + " \"},\"finish_reason\":null}]}\n\n", "data: [DONE]\n\n");
                    return;
                }
                case "stall" -> {
                    stall(exchange, body.getBoolean("stream", false));
                    return;
                }
                case "bad" -> {
                    send(exchange, 400, "application/json",
                            "{\"error\":{\"message\":\"temperature too high\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}");
                    return;
                }
                default -> {
                }
            }
            if (body.getBoolean("stream", false)) {
                stream(exchange, model, "held".equals(model) ? release : null, body.containsKey("stream_options")
                        && body.getJsonObject("stream_options").getBoolean("include_usage", false));
            } else {
                send(exchange, 200, "application/json", "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\","
                        + "\"created\":1,\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"stub says hi\"},\"finish_reason\":\"stop\"}]," + usage() + "}");
            }
        }
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = received(exchange);
            String model = body.getString("model");
            if ("error".equals(model)) {
                send(exchange, 500, "application/json", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
                return;
            }
            send(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                    + "\"embedding\":[0.5,-0.25]}],\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":" + PROMPT
                    + ",\"total_tokens\":" + PROMPT + "}}");
        }
    }

    private void completions(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = received(exchange);
            String model = body.getString("model");
            String head = "{\"id\":\"cmpl-stub\",\"object\":\"text_completion\",\"created\":1,\"model\":\"" + model
                    + "\",\"choices\":[";
            if (!body.getBoolean("stream", false)) {
                send(exchange, 200, "application/json", head + "{\"text\":\"stub says hi\",\"index\":0,\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}]," + usage() + "}");
                return;
            }
            boolean usage = body.containsKey("stream_options")
                    && body.getJsonObject("stream_options").getBoolean("include_usage", false);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : new String[] {"stub ", "says ", "hi"}) {
                out.write(("data: " + head + "{\"text\":\"" + piece + "\",\"index\":0,\"logprobs\":null,\"finish_reason\":"
                        + ("hi".equals(piece) ? "\"stop\"" : "null") + "}]" + (usage ? ",\"usage\":null" : "") + "}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (usage) {
                out.write(("data: " + head + "]," + usage() + "}\n\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void responses(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = received(exchange);
            String model = body.getString("model");
            switch (model) {
                case "error" -> {
                    send(exchange, 500, "application/json", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
                    return;
                }
                case "bad" -> {
                    send(exchange, 400, "application/json", "{\"error\":{\"message\":\"Unsupported parameter: 'n'\","
                            + "\"type\":\"invalid_request_error\",\"param\":\"n\",\"code\":\"unsupported_parameter\"}}");
                    return;
                }
                default -> {
                }
            }
            String message = "{\"id\":\"msg_stub\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"output_text\",\"text\":\"stub says hi\",\"annotations\":[],\"logprobs\":[]}]}";
            if (!body.getBoolean("stream", false)) {
                send(exchange, 200, "application/json", response(model, "completed", message, responsesUsage()));
                return;
            }
            switch (model) {
                case "drip" -> {
                    drip(exchange, responseOpening(model), i -> responseDelta(4 + i, "drop " + i + " "),
                            event(4 + DRIP_EVENTS, "response.completed", "\"response\":"
                                    + response(model, "completed", message, responsesUsage())));
                    return;
                }
                case "stall" -> {
                    stallStream(exchange, responseOpening(model) + responseDelta(4, "stub "));
                    return;
                }
                default -> {
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(responseOpening(model).getBytes(StandardCharsets.UTF_8));
            int seq = 4;
            for (String piece : new String[] {"stub ", "says ", "hi"}) {
                out.write(responseDelta(seq++, piece).getBytes(StandardCharsets.UTF_8));
                out.flush();
                holdFirst(model, seq == 5);
            }
            String at = RESPONSE_PART;
            seq = event(out, seq, "response.output_text.done", at + "\"text\":\"stub says hi\",\"logprobs\":[]");
            seq = event(out, seq, "response.content_part.done", at + "\"part\":{\"type\":\"output_text\","
                    + "\"text\":\"stub says hi\",\"annotations\":[],\"logprobs\":[]}");
            seq = event(out, seq, "response.output_item.done", "\"output_index\":0,\"item\":" + message);
            event(out, seq, "response.completed", "\"response\":" + response(model, "completed", message, responsesUsage()));
        }
    }

    /** An OpenAI {@code response} object with every field the official SDK requires. */
    private static String response(String model, String status, String output, String usage) {
        return "{\"id\":\"resp_stub\",\"object\":\"response\",\"created_at\":1,\"status\":\"" + status + "\",\"error\":null,"
                + "\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,\"model\":\"" + model
                + "\",\"output\":[" + output + "],\"parallel_tool_calls\":true,\"previous_response_id\":null,"
                + "\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"usage\":" + usage
                + ",\"metadata\":{}}";
    }

    static String responsesUsage() {
        return "{\"input_tokens\":" + PROMPT + ",\"input_tokens_details\":{\"cached_tokens\":" + CACHED
                + ",\"cache_write_tokens\":0},\"output_tokens\":" + COMPLETION + ",\"output_tokens_details\":{"
                + "\"reasoning_tokens\":" + REASONING + "},\"total_tokens\":" + (PROMPT + COMPLETION) + "}";
    }

    /** Writes one Responses API event; answers the next sequence number. */
    private static int event(OutputStream out, int seq, String type, String fields) throws IOException {
        out.write(event(seq, type, fields).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return seq + 1;
    }

    /** One Responses API event's text. */
    private static String event(int seq, String type, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + seq + "," + fields + "}\n\n";
    }

    /** The events a Responses stream opens with, up to its first text part (sequence numbers 0 to 3). */
    private static String responseOpening(String model) {
        String inProgress = response(model, "in_progress", "", "null");
        return event(0, "response.created", "\"response\":" + inProgress)
                + event(1, "response.in_progress", "\"response\":" + inProgress)
                + event(2, "response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"msg_stub\","
                        + "\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}")
                + event(3, "response.content_part.added", RESPONSE_PART + "\"part\":{\"type\":\"output_text\","
                        + "\"text\":\"\",\"annotations\":[],\"logprobs\":[]}");
    }

    /** A Responses stream's text delta. */
    private static String responseDelta(int seq, String text) {
        return event(seq, "response.output_text.delta", RESPONSE_PART + "\"delta\":\"" + text + "\",\"logprobs\":[]");
    }

    private void messages(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = received(exchange);
            String model = body.getString("model");
            String message = "{\"id\":\"msg_stub\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model
                    + "\",\"content\":";
            switch (model) {
                case "bad" -> {
                    send(exchange, 400, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                            + "\"invalid_request_error\",\"message\":\"temperature: too high\"}}");
                    return;
                }
                case "overloaded" -> {
                    send(exchange, 529, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                            + "\"overloaded_error\",\"message\":\"Overloaded\"}}");
                    return;
                }
                default -> {
                }
            }
            if (!body.getBoolean("stream", false)) {
                send(exchange, 200, "application/json", message + "[{\"type\":\"text\",\"text\":\"stub says hi\"}],"
                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null," + anthropicUsage(COMPLETION) + "}");
                return;
            }
            String opening = messageEvent("message_start", "{\"type\":\"message_start\",\"message\":" + message
                    + "[],\"stop_reason\":null,\"stop_sequence\":null," + anthropicUsage(1) + "}}")
                    + messageEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                    + messageEvent("ping", "{\"type\": \"ping\"}");
            String closing = messageEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + messageEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                            + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + COMPLETION + "}}")
                    + messageEvent("message_stop", "{\"type\":\"message_stop\"}");
            switch (model) {
                case "drip" -> {
                    drip(exchange, opening, i -> textDelta("drop " + i + " "), closing);
                    return;
                }
                case "stall" -> {
                    stallStream(exchange, opening + textDelta("stub "));
                    return;
                }
                default -> {
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(opening.getBytes(StandardCharsets.UTF_8));
            for (String piece : new String[] {"stub ", "says ", "hi"}) {
                out.write(textDelta(piece).getBytes(StandardCharsets.UTF_8));
                out.flush();
                holdFirst(model, "stub ".equals(piece));
            }
            out.write(closing.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** An Anthropic stream's text delta of its first content block. */
    private static String textDelta(String text) {
        return messageEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}");
    }

    private static String anthropicUsage(int output) {
        return "\"usage\":{\"input_tokens\":" + ANTHROPIC_INPUT + ",\"cache_creation_input_tokens\":" + CACHE_WRITTEN
                + ",\"cache_read_input_tokens\":" + CACHED + ",\"output_tokens\":" + output + "}";
    }

    private static String messageEvent(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** Reads and keeps a request's JSON body. */
    private JsonObject received(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject body = Json.createReader(new StringReader(text)).readObject();
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body,
                exchange.getRequestHeaders()));
        return body;
    }

    /** The most {@code gather-N} calls that were in flight at once since the stub started. */
    int mostGathered() {
        synchronized (gatherLock) {
            return mostGathered;
        }
    }

    private void gather(int n) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        synchronized (gatherLock) {
            gathered++;
            mostGathered = Math.max(mostGathered, gathered);
            gatherLock.notifyAll();
            try {
                while (gathered < n && mostGathered < n && System.nanoTime() < deadline) {
                    gatherLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gathered--;
            }
        }
    }

    /**
     * Model {@code drip} of any endpoint: streams {@code head}, then {@link #DRIP_EVENTS} events
     * ({@code event} of their index) 50 ms apart, then {@code tail}; reports in {@link #dripEnds}
     * how many events it wrote before its connection was closed, or -1 when it sent them all.
     */
    private void drip(HttpExchange exchange, String head, java.util.function.IntFunction<String> event, String tail)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int written = 0;
        try {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (; written < DRIP_EVENTS; written++) {
                out.write(event.apply(written).getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(50);
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException closed) {
            dripEnds.add(written);
            return;
        }
        dripEnds.add(-1);
    }

    private static void stream(HttpExchange exchange, String model, java.util.concurrent.CountDownLatch hold,
            boolean usage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : new String[] {"stub ", "says ", "hi"}) {
            out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                    + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}]"
                    + (usage ? ",\"usage\":null" : "") + "}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (hold != null) {
                await(hold);
                hold = null;
            }
        }
        out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]" + (usage ? ",\"usage\":null" : "")
                + "}\n\n").getBytes(StandardCharsets.UTF_8));
        if (usage) {
            out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                    + "\",\"choices\":[]," + usage() + "}\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Model {@code held} of a Responses or Messages stream: after its {@code first} text event, waits for {@link #release}. */
    private void holdFirst(String model, boolean first) {
        if (first && "held".equals(model)) {
            await(release);
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stall(HttpExchange exchange, boolean stream) throws IOException {
        String start = stream
                ? "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stall\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"stub \"},\"finish_reason\":null}]}\n\n"
                : "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",";
        exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, stream ? 0 : 4096);
        exchange.getResponseBody().write(start.getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        sleep(12_000);
    }

    /** Model {@code stall} of a stream: sends {@code start} (its first events), then goes silent for 12 s. */
    private static void stallStream(HttpExchange exchange, String start) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(start.getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        sleep(12_000);
    }

    static String usage() {
        return "\"usage\":{\"prompt_tokens\":" + PROMPT + ",\"completion_tokens\":" + COMPLETION + ",\"total_tokens\":"
                + (PROMPT + COMPLETION) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + CACHED
                + "},\"completion_tokens_details\":{\"reasoning_tokens\":" + REASONING + "}}";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
