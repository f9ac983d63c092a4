package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

/**
 * Hostile input over HTTP, to every management and gateway endpoint: from one valid request per
 * endpoint, a few thousand mutated ones (seeded, so a failure is reproducible) — bodies cut, bytes
 * flipped, invalid UTF-8, each field in turn swapped for every other JSON type, huge numbers and
 * strings, deep nesting, unknown and duplicate fields; content types, credentials, forwarded
 * addresses and path ids garbled; and the admin pages of a logged-in session with garbled query
 * parameters. Whatever the mutation, the answer is never a 5xx and never
 * carries a stack trace or a class name; and a mutated write that is refused leaves no trace:
 * the state it would have changed (the target, read back through the API, or the collection's
 * size) is what it was before.
 */
@SharedServer
class MutationIT {

    private static final long SEED = Long.getLong("keygate.mutation.seed", 20261204L);
    private static final int PER_REQUEST = Integer.getInteger("keygate.mutation.count", 100);
    /** What a leaked stack trace or internal type looks like in a body. */
    private static final Pattern LEAK = Pattern.compile(
            "(?<!ViewExpired)Exception|\\bat (org|java|jakarta|com|sun)\\.|org\\.eclipse\\.|org\\.h2\\.|org\\.postgresql|\\.java:\\d+");
    /** HTTP/1.1, as a balancer speaks to its back ends (over h2c an oversized header ends in a stream reset, not an answer). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @SharedServer.Url
    URL url;

    /** One valid request, and what a refused mutation of it must leave unchanged (null: nothing to watch). */
    record Seed(String method, String path, String body, boolean gateway, Supplier<String> state) {
    }

    @Test
    void noMutationOfAnyRequestGetsA5xxLeaksInternalsOrWritesPartly() {
        Api admin = Api.at(url).asAdmin();
        Gw gw = new Gw(Api.at(url));
        String team = gw.team("10");
        String otherTeam = gw.team("10");
        JsonObject member = new Fixture(Api.at(url)).member(team, "MEMBER");
        String memberId = member.getString("id");
        JsonObject key = gw.key(team, "\"rpm_limit\":1000000");
        String keyId = key.getString("id");
        String plaintext = key.getString("key");
        String provider = Api.unique("mut");
        assertEquals(201, admin.post("api/v1/providers", "{\"id\":\"" + provider + "\",\"base_url\":\"http://127.0.0.1:9/v1\"}")
                .status());
        String model = provider + "/m";
        String modelBody = "{\"id\":\"" + model + "\",\"provider_id\":\"" + provider + "\",\"upstream_model\":\"m\","
                + "\"input_price\":1,\"output_price\":1,\"max_output_tokens\":10}";
        assertEquals(201, admin.post("api/v1/models", modelBody).status());
        Api.Resp hook = admin.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\"}");
        assertEquals(201, hook.status(), hook::toString);
        String webhookId = hook.str("id");

        Supplier<String> teamState = () -> read(admin, "api/v1/teams/" + team);
        Supplier<String> teamsCount = () -> total(admin, "api/v1/teams?size=1");
        Supplier<String> memberState = () -> read(admin, "api/v1/members/" + memberId);
        Supplier<String> membersCount = () -> total(admin, "api/v1/members?size=1");
        Supplier<String> keyState = () -> read(admin, "api/v1/keys/" + keyId);
        Supplier<String> keysCount = () -> total(admin, "api/v1/keys?size=1");
        Supplier<String> providerState = () -> read(admin, "api/v1/providers/" + provider);
        Supplier<String> modelState = () -> read(admin, "api/v1/models/" + model);
        Supplier<String> ledger = () -> total(admin, "api/v1/teams/" + otherTeam + "/ledger?size=1");
        Supplier<String> policy = () -> read(admin, "api/v1/teams/" + team + "/alert-policy");
        Supplier<String> hooks = () -> read(admin, "api/v1/teams/" + team + "/webhooks");

        List<Seed> seeds = List.of(
                new Seed("POST", "api/v1/teams", "{\"name\":\"mut\",\"default_rpm_limit\":60,"
                        + "\"time_zone\":\"Europe/Paris\"}", false, teamsCount),
                new Seed("PATCH", "api/v1/teams/" + team, "{\"name\":\"mut-team\",\"default_rpm_limit\":30,"
                        + "\"working_hours\":{\"days\":[\"MON\"],\"start\":\"09:00\",\"end\":\"17:00\"}}", false, teamState),
                new Seed("POST", "api/v1/teams/" + otherTeam + "/ledger", "{\"amount\":1.25,\"note\":\"top-up\"}", false,
                        ledger),
                new Seed("PUT", "api/v1/teams/" + team + "/alert-policy", "{\"deactivate_on_critical\":false}", false, policy),
                new Seed("POST", "api/v1/teams/" + team + "/webhooks", "{\"url\":\"http://127.0.0.1:9/other\"}", false, hooks),
                new Seed("POST", "api/v1/members", "{\"username\":\"mut\",\"password\":\"" + Fixture.PASSWORD
                        + "\",\"memberships\":[{\"team_id\":\"" + team + "\",\"role\":\"MEMBER\"}]}", false, membersCount),
                new Seed("PATCH", "api/v1/members/" + memberId, "{\"display_name\":\"Mut\",\"memberships\":[{\"team_id\":\""
                        + team + "\",\"role\":\"MEMBER\"}]}", false, memberState),
                new Seed("POST", "api/v1/keys", "{\"team_id\":\"" + team + "\",\"owner_id\":\"" + memberId
                        + "\",\"name\":\"mut\",\"allowed_models\":[\"demo/echo\"],\"ip_whitelist\":[\"10.0.0.0/8\"],"
                        + "\"rpm_limit\":10,\"daily_limit\":1.5,\"expires_at\":\"2030-01-01T00:00:00Z\"}", false,
                        keysCount),
                new Seed("PATCH", "api/v1/keys/" + keyId, "{\"name\":\"mut-key\",\"rpm_limit\":1000000,"
                        + "\"allowed_models\":[\"demo/echo\"]}", false, keyState),
                new Seed("POST", "api/v1/keys/revoke-leaked", "{\"keys\":[\"ck-not-a-real-key\"]}", false, keyState),
                new Seed("POST", "api/v1/providers", "{\"id\":\"mut\",\"base_url\":\"http://127.0.0.1:9/v1\"}", false,
                        providerState),
                new Seed("PATCH", "api/v1/providers/" + provider, "{\"base_url\":\"http://127.0.0.1:9/v2\"}", false,
                        providerState),
                new Seed("POST", "api/v1/models", modelBody.replace(model, provider + "/n"), false, modelState),
                new Seed("PATCH", "api/v1/models/" + model, "{\"input_price\":2,\"max_output_tokens\":20}", false, modelState),
                new Seed("POST", "api/v1/verify", "{\"key\":\"" + plaintext + "\",\"model\":\"demo/echo\",\"ip\":\"203.0.113.9\"}",
                        false, null),
                new Seed("GET", "api/v1/teams?page=1&size=20", null, false, null),
                new Seed("GET", "api/v1/members?page=1&size=20", null, false, null),
                new Seed("GET", "api/v1/keys?team_id=" + team + "&status=active", null, false, null),
                new Seed("GET", "api/v1/audit?target_id=" + keyId + "&size=5", null, false, null),
                new Seed("GET", "api/v1/audit/verify", null, false, null),
                new Seed("GET", "api/v1/usage/records?key_id=" + keyId + "&size=5", null, false, null),
                new Seed("GET", "api/v1/usage/aggregates?team_id=" + team + "&granularity=day&from="
                        + java.time.Instant.now().minus(java.time.Duration.ofDays(2)) + "&to=" + java.time.Instant.now(), null, false, null),
                new Seed("GET", "api/v1/alerts?key_id=" + keyId + "&state=open", null, false, null),
                new Seed("GET", "api/v1/webhooks/" + webhookId + "/deliveries", null, false, null),
                new Seed("GET", "api/v1/gateway/stats", null, false, null),
                new Seed("GET", "api/v1/me", null, false, null),
                new Seed("POST", "v1/chat/completions", "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"system\","
                        + "\"content\":\"be brief\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],"
                        + "\"max_tokens\":8,\"temperature\":0.5,\"stream\":false}", true, null),
                new Seed("POST", "v1/chat/completions", "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"stream\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}", true, null),
                new Seed("POST", "v1/embeddings", "{\"model\":\"demo/echo\",\"input\":[\"hello\",\"world\"],"
                        + "\"dimensions\":8,\"encoding_format\":\"float\"}", true, null),
                new Seed("POST", "v1/completions", "{\"model\":\"demo/echo\",\"prompt\":[\"one two\",\"three\"],"
                        + "\"max_tokens\":4,\"n\":2,\"stream\":false}", true, null),
                new Seed("POST", "v1/completions", "{\"model\":\"demo/echo\",\"prompt\":\"stream me\",\"stream\":true}",
                        true, null),
                new Seed("POST", "v1/responses", "{\"model\":\"demo/echo\",\"instructions\":\"be brief\",\"input\":["
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}],"
                        + "\"max_output_tokens\":16,\"store\":false,\"stream\":false}", true, null),
                new Seed("POST", "v1/responses", "{\"model\":\"demo/echo\",\"input\":\"stream me\",\"stream\":true}",
                        true, null),
                new Seed("POST", "v1/messages", "{\"model\":\"demo/echo\",\"max_tokens\":8,\"system\":\"be brief\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}],"
                        + "\"temperature\":0.5}", true, null),
                new Seed("POST", "v1/messages", "{\"model\":\"demo/echo\",\"max_tokens\":8,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"stream me\"}],\"stream\":true}", true, null),
                new Seed("GET", "v1/models", null, true, null),
                new Seed("GET", "v1/key/info", null, true, null),
                new Seed("GET", "auth/verify", null, true, null));

        Random random = new Random(SEED);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        int sent = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> invalidSeeds = new ArrayList<>();
        for (Seed seed : seeds) {
            // the seed itself is a valid request, or its mutations would only test one refusal
            Map<String, String> valid = new LinkedHashMap<>();
            valid.put("Authorization", seed.gateway() ? "Bearer " + plaintext : basic);
            if (seed.body() != null) {
                valid.put("Content-Type", "application/json");
            }
            HttpResponse<String> unmutated = send(seed.method(), seed.path(), valid,
                    seed.body() == null ? null : seed.body().getBytes(StandardCharsets.UTF_8));
            if (unmutated.statusCode() >= 300) {
                invalidSeeds.add(seed.method() + " " + seed.path() + ": " + unmutated.statusCode() + " "
                        + abbreviate(unmutated.body()));
            }
            String before = seed.state() == null ? null : seed.state().get();
            for (int i = 0; i < PER_REQUEST; i++) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", seed.gateway() ? "Bearer " + plaintext : basic);
                if (seed.body() != null) {
                    headers.put("Content-Type", "application/json");
                }
                String path = seed.path();
                byte[] body = seed.body() == null ? null : seed.body().getBytes(StandardCharsets.UTF_8);
                String what;
                int kind = random.nextInt(10);
                if (kind < 6 && body != null) {
                    what = "body";
                    body = mutateBody(random, seed.body());
                } else if (kind < 8) {
                    what = "headers";
                    mutateHeaders(random, headers, seed.gateway());
                } else {
                    what = "path";
                    path = mutatePath(random, path);
                }
                HttpResponse<String> r = send(seed.method(), path, headers, body);
                sent++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                String described = seed.method() + " " + path + " (" + what + " mutation " + i + " of seed " + SEED + ") "
                        + headers + " " + (body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8)))
                        + " -> " + r.statusCode() + " " + abbreviate(r.body());
                assertTrue(r.statusCode() < 500, described);
                assertTrue(!LEAK.matcher(r.body()).find(), "internals leaked: " + described);
                if (seed.state() != null) {
                    String after = seed.state().get();
                    if (r.statusCode() >= 400) {
                        assertEquals(before, after, "a refused write changed state: " + described);
                    }
                    before = after;
                }
            }
        }
        sent += mutatePages(random, keyId, team, statuses);
        assertEquals(List.of(), invalidSeeds, "every seed is a valid request, or its mutations would only test one refusal");
        assertTrue(sent >= seeds.size() * PER_REQUEST, sent + " requests");
        // the mutations reached the application's checks, not only the container's
        assertTrue(statuses.getOrDefault(400, 0) > sent / 10, "answers: " + statuses);
        // and metering still works: whatever the mutated calls metered, the usage writer is not stuck on it
        JsonObject fresh = gw.key(team, "");
        assertEquals(200, gw.chat(fresh.getString("key"), Gw.chatBody("demo/echo", "after the mutations", 8, false))
                .statusCode());
        gw.usage(fresh.getString("id"), 1);
        System.out.println("MutationIT: " + sent + " mutated requests, answers by status " + statuses);
    }

    /** The pages of a logged-in admin, with garbled query parameters: never a 5xx or a stack trace either. */
    private int mutatePages(Random random, String keyId, String team, Map<Integer, Integer> statuses) {
        String[] garbage = {"%00", "%0a", "%25zz", "x".repeat(3_000), "%C3%A9", "-1", "..%2F..%2Fetc", "%22%3E%3Cscript%3E",
                "key_" + "0".repeat(26), "team_%00", "%F0%9F%92%A5", "%ED%A0%80", "%FF%FE", "a%2Cb", ""};
        String[] pages = {"admin/keys/detail.xhtml?id=" + keyId, "admin/teams/detail.xhtml?id=" + team,
                "admin/alerts/detail.xhtml?id=alert_x", "admin/keys/list.xhtml", "admin/audit/list.xhtml",
                "admin/members/list.xhtml", "admin/index.xhtml"};
        int sent = 0;
        try (Browser browser = org.keygate.it.pages.LoginPage.loggedIn(url, "admin", Deployments.ADMIN_PASSWORD)) {
            Map<String, String> session = Map.of("Cookie", browser.cookieHeader());
            for (String page : pages) {
                for (int i = 0; i < PER_REQUEST / 4; i++) {
                    String bad = garbage[random.nextInt(garbage.length)];
                    String path = page.contains("?id=") && random.nextBoolean() ? page.substring(0, page.indexOf("?id=") + 4) + bad
                            : page + (page.contains("?") ? "&" : "?") + new String[] {"id", "page", "first", "q", "x"}[random.nextInt(5)]
                                    + "=" + bad;
                    HttpResponse<String> r = send("GET", path, session, null);
                    sent++;
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    String described = "GET " + path + " (page mutation " + i + " of seed " + SEED + ") -> " + r.statusCode() + " "
                            + abbreviate(r.body());
                    assertTrue(r.statusCode() < 500, described);
                    assertTrue(!LEAK.matcher(r.body()).find(), "internals leaked: " + described);
                }
            }
        }
        return sent;
    }

    private static final String[] VALUES = {"null", "\"\"", "-1", "0", "1e309", "-1e309", "99999999999999999999999999",
            "0.0000000000000000000001", "true", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"ck-AAAAAAAAAAAAAAAA\"",
            "\"<script>alert(1)</script>\"", "\"../../../etc/passwd\"", "\"\\u0000\"", "\"\\ud800\"", "\"💥\"",
            "\"" + "x".repeat(70_000) + "\"", "\"2030-13-45T99:99:99Z\"", "\"NaN\"", "1.5", "\" \"", "\"' OR 1=1 --\""};

    private static byte[] mutateBody(Random random, String json) {
        switch (random.nextInt(9)) {
            case 0 -> {
                return json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // also invalid UTF-8
                }
                return bytes;
            }
            case 2 -> {
                return ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                return new String[] {"", "null", "[]", "42", "\"text\"", "{", "}", "{\"a\":1}{\"b\":2}", "\uFEFF" + json}
                        [random.nextInt(9)].getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                JsonObject object = (JsonObject) parse(json);
                List<String> fields = new ArrayList<>(object.keySet());
                String field = fields.get(random.nextInt(fields.size()));
                Map<String, String> members = new LinkedHashMap<>();
                object.forEach((k, v) -> members.put(k, v.toString()));
                switch (random.nextInt(4)) {
                    case 0 -> members.remove(field);
                    case 1 -> members.put("unknown_" + random.nextInt(100), VALUES[random.nextInt(VALUES.length)]);
                    case 2 -> {
                        StringBuilder duplicated = new StringBuilder(render(members));
                        duplicated.insert(duplicated.length() - 1, (members.isEmpty() ? "" : ",") + "\"" + field + "\":"
                                + VALUES[random.nextInt(VALUES.length)]);
                        return duplicated.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    default -> members.put(field, nested(random, object.get(field)));
                }
                return render(members).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Another value in place of {@code value}: any JSON type, or inside an array or object a mutated member. */
    private static String nested(Random random, JsonValue value) {
        if (value instanceof JsonObject inner && !inner.isEmpty() && random.nextBoolean()) {
            Map<String, String> members = new LinkedHashMap<>();
            inner.forEach((k, v) -> members.put(k, v.toString()));
            String field = new ArrayList<>(members.keySet()).get(random.nextInt(members.size()));
            members.put(field, nested(random, inner.get(field)));
            return render(members);
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY && !value.asJsonArray().isEmpty()
                && random.nextBoolean()) {
            List<String> items = new ArrayList<>();
            value.asJsonArray().forEach(v -> items.add(v.toString()));
            int at = random.nextInt(items.size());
            items.set(at, nested(random, value.asJsonArray().get(at)));
            return "[" + String.join(",", items) + "]";
        }
        return VALUES[random.nextInt(VALUES.length)];
    }

    private static void mutateHeaders(Random random, Map<String, String> headers, boolean gateway) {
        switch (random.nextInt(8)) {
            case 0 -> headers.put("Content-Type", new String[] {"text/plain", "application/json; charset=latin1",
                    "application/xml", "multipart/form-data; boundary=x", "application/json; charset=\"utf-8\"", "*/*",
                    "garbage"}[random.nextInt(7)]);
            case 1 -> headers.put("Authorization", new String[] {"Basic", "Basic !!!", "Basic " + Base64.getEncoder()
                    .encodeToString("admin".getBytes(StandardCharsets.UTF_8)), "Bearer", "Bearer ck-", "Bearer ck-"
                    + "A".repeat(5_000), "Negotiate abc", "Basic " + Base64.getEncoder().encodeToString(
                    "admin:\u00e9\u0000".getBytes(StandardCharsets.UTF_8))}[random.nextInt(8)]);
            case 2 -> headers.put("X-Forwarded-For", new String[] {"", "999.1.1.1", "1.2.3.4, , ,", "::ffff:1.2.3.4%eth0",
                    "a".repeat(3_000), "[::1]:80", "unknown", "1.2.3.4:99999"}[random.nextInt(8)]);
            case 3 -> headers.put("Accept", new String[] {"application/xml", "text/event-stream", "*/*;q=x", "garbage/",
                    "application/json;q=0"}[random.nextInt(5)]);
            case 4 -> {
                headers.remove("Authorization");
                headers.put("x-api-key", new String[] {"", "ck-", "ck-\u00e9", "ck-" + "Z".repeat(60), "sk-123"}
                        [random.nextInt(5)]);
            }
            case 5 -> headers.put("X-Request-Id", "x".repeat(1 + random.nextInt(5_000)));
            case 6 -> headers.put(gateway ? "X-Keygate-Model" : "If-Match", new String[] {"", "\"*\"", "demo/echo\t",
                    "../x"}[random.nextInt(4)]);
            default -> headers.put("Content-Encoding", new String[] {"gzip", "br", "identity, gzip"}[random.nextInt(3)]);
        }
    }

    private static String mutatePath(Random random, String path) {
        String[] garbage = {"%00", "..", "%2e%2e%2f", "%25zz", "x".repeat(3_000), "%C3%A9", "%F0%9F%92%A5", "-1",
                "99999999999999999999", "%22%3E%3Cscript%3E", "a%2Fb", ";jsessionid=1", "%20"};
        String bad = garbage[random.nextInt(garbage.length)];
        int query = path.indexOf('?');
        if (query > 0 && random.nextBoolean()) {
            String[] params = path.substring(query + 1).split("&");
            int at = random.nextInt(params.length);
            String name = params[at].split("=")[0];
            params[at] = name + "=" + bad;
            return path.substring(0, query) + "?" + String.join("&", params)
                    + (random.nextBoolean() ? "&" + name + "=1" : "") + (random.nextBoolean() ? "&size=100000&page=-3" : "");
        }
        String bare = query > 0 ? path.substring(0, query) : path;
        String[] segments = bare.split("/");
        segments[1 + random.nextInt(segments.length - 1)] = bad;
        return String.join("/", segments) + (query > 0 ? path.substring(query) : "");
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.get().check(sent, body == null ? null : new String(body, StandardCharsets.UTF_8), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Api admin, String path) {
        Api.Resp r = admin.get(path);
        assertEquals(200, r.status(), r::toString);
        return r.body();
    }

    private static String total(Api admin, String path) {
        return Integer.toString(Json.createReader(new StringReader(read(admin, path))).readObject().getInt("total"));
    }

    private static JsonStructure parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    private static String render(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        members.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
}
