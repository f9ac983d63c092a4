package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Test helpers for the gateway side: keys with settings, funded teams, calls to {@code /v1} with
 * {@link HttpClient}, and raw HTTP/1.1 calls from a chosen loopback source address (127.0.0.2 is
 * the trusted proxy of the IT deployment) for the X-Forwarded-For cases.
 */
final class Gw {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    final Api api;
    final Api admin;

    Gw(Api api) {
        this.api = api;
        this.admin = api.asAdmin();
    }

    /** A new prepaid team with {@code balance} USD of credit (none if null). */
    String team(String balance) {
        String team = new Fixture(api).team();
        if (balance != null) {
            Api.Resp r = admin.post("api/v1/teams/" + team + "/ledger", "{\"amount\":" + balance + ",\"note\":\"it credit\"}");
            assertEquals(201, r.status(), r::toString);
        }
        return team;
    }

    /**
     * An OpenAI-kind provider (id {@code prefix-…}) at {@code baseUrl} with the credential the shared
     * server knows, and one model per upstream model name ({@code <id>/<name>}, $2.50/$10 per million
     * tokens, cached $1.25, at most 1 000 output tokens); returns the provider's create answer.
     */
    Api.Resp stubProvider(String prefix, String baseUrl, String... models) {
        return stubProvider("openai", prefix, baseUrl, models);
    }

    /** {@link #stubProvider(String, String, String...)} of another {@code kind} ({@code anthropic}). */
    Api.Resp stubProvider(String kind, String prefix, String baseUrl, String[] models) {
        String id = Api.unique(prefix);
        Api.Resp p = admin.post("api/v1/providers", "{\"id\":\"" + id + "\",\"name\":\"stub\",\"kind\":\"" + kind + "\","
                + "\"base_url\":\"" + baseUrl + "\",\"credential_ref\":\"keygate.it.upstream-key\"}");
        assertEquals(201, p.status(), p::toString);
        for (String m : models) {
            Api.Resp r = admin.post("api/v1/models", "{\"id\":\"" + id + "/" + m + "\",\"provider_id\":\"" + id
                    + "\",\"upstream_model\":\"" + m + "\",\"input_price\":2.5,\"output_price\":10,"
                    + "\"cached_input_price\":1.25,\"max_output_tokens\":1000}");
            assertEquals(201, r.status(), r::toString);
        }
        return p;
    }

    /**
     * What a model of a {@link #stubProvider} ($2.50 per million input tokens, $10 per million
     * output tokens) reserves for a real upstream's text-only {@code body}: its bytes as input and
     * {@code maxTokens} as output, rounded up to the micro-dollar.
     */
    static BigDecimal stubReservation(String body, int maxTokens) {
        BigDecimal micros = new BigDecimal("2.5").multiply(BigDecimal.valueOf(body.getBytes(StandardCharsets.UTF_8).length))
                .add(BigDecimal.TEN.multiply(BigDecimal.valueOf(maxTokens)));
        return micros.setScale(0, java.math.RoundingMode.CEILING).movePointLeft(6);
    }

    /** Creates a key with extra JSON settings (e.g. {@code "rpm_limit":2}); returns the create answer. */
    JsonObject key(String team, String settings) {
        Api.Resp r = admin.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"" + Api.unique("gw") + "\""
                + (settings.isEmpty() ? "" : "," + settings) + "}");
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    static String chatBody(String model, String text, Integer maxTokens, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]"
                + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens) + (stream ? ",\"stream\":true" : "") + "}";
    }

    HttpResponse<String> chat(String key, String body) {
        return send(HttpRequest.newBuilder(api.uri("v1/chat/completions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    /** Sends the request and holds the exchange against the OpenAPI document ({@link ApiContract}). */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.get().check(sent, ApiContract.body(sent), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static JsonObject error(HttpResponse<String> r) {
        return json(r.body()).getJsonObject("error");
    }

    static String code(HttpResponse<String> r) {
        return error(r).getString("code");
    }

    /** The key's usage records once at least {@code expected} of them are written (the writer batches every second). */
    JsonObject usage(String keyId, int expected) {
        return Eventually.await(expected + " usage records of key " + keyId).until(() -> records(keyId),
                page -> page.getInt("total") >= expected);
    }

    /** The key's usage records written so far (up to 200). */
    private JsonObject records(String keyId) {
        Api.Resp r = admin.get("api/v1/usage/records?key_id=" + keyId + "&size=200");
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    /** The team's ledger balance once it equals {@code expected}. */
    BigDecimal balanceOnceItIs(String team, BigDecimal expected) {
        return Eventually.await("the balance of team " + team + " to be " + expected).until(
                () -> admin.get("api/v1/teams/" + team).json().getJsonNumber("balance").bigDecimalValue(),
                balance -> balance.compareTo(expected) == 0);
    }

    static BigDecimal sumCost(JsonObject page) {
        BigDecimal sum = BigDecimal.ZERO;
        for (var item : page.getJsonArray("items")) {
            sum = sum.add(item.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue());
        }
        return sum;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A raw HTTP/1.1 answer: status, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
    }

    /** GET over a socket bound to {@code sourceAddress}, so the server sees that peer address. */
    Raw rawGet(String sourceAddress, String path, Map<String, String> headers) {
        URI uri = api.uri(path);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + uri.getPort() + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, split).split("\r\n");
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                names.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            String body = text.substring(split + 4);
            if ("chunked".equalsIgnoreCase(names.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), names, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
