package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.monitoring.control.WebhookSigner;

/**
 * The usage detectors end to end (docs/alerts.md): real calls through the gateway with {@code demo/echo}
 * feed the roll-ups, a real {@code AnomalyScan} run (driven through {@link ScanHook}, so nothing
 * sleeps) raises the alert, a second run raises no duplicate, the team's webhook receiver on
 * loopback gets it signed, and a team's deactivate-on-critical policy turns the key's next call
 * into 401. History older than the test (the detectors' learning periods and baselines) is written
 * through the application's own usage writer.
 */
@SharedServer
class DetectorsIT {

    @SharedServer.Url
    URL url;

    Api admin;
    Gw gw;
    HttpServer receiver;
    final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        admin = Api.at(url).asAdmin();
        gw = new Gw(Api.at(url));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void offHoursCallsRaiseOneAlertAcrossTwoScansDeliveredSignedToTheTeamWebhook() {
        String team = gw.team("5");
        ZoneId zone = ZoneId.of("Asia/Tokyo");
        DayOfWeek notToday = Instant.now().atZone(zone).getDayOfWeek().plus(3);
        Api.Resp patched = admin.patch("api/v1/teams/" + team, "{\"time_zone\":\"" + zone + "\",\"working_hours\":"
                + "{\"days\":[\"" + notToday.name().substring(0, 3) + "\"],\"start\":\"09:00\",\"end\":\"17:00\"}}");
        assertEquals(200, patched.status(), patched::toString);
        Api.Resp hook = admin.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"" + hookUrl() + "\"}");
        assertEquals(201, hook.status(), hook::toString);
        JsonObject key = gw.key(team, "\"allowed_models\":[\"demo/*\"]");
        String keyId = key.getString("id");

        for (int i = 0; i < 20; i++) {
            call(key, "demo/echo", "late night " + i);
        }
        gw.usage(keyId, 20);
        scan();
        assertEquals(0, alerts(keyId, "off_hours").getInt("total"), "20 calls is the threshold, not above it");

        call(key, "demo/echo", "one more");
        gw.usage(keyId, 21);
        scan();
        scan();
        JsonObject page = alerts(keyId, "off_hours");
        assertEquals(1, page.getInt("total"), "one alert across two scans: " + page);
        JsonObject alert = page.getJsonArray("items").getJsonObject(0);
        assertEquals("medium", alert.getString("severity"));
        JsonObject evidence = alert.getJsonObject("evidence");
        assertEquals(21, evidence.getInt("off_hours_calls"));
        assertEquals(20, evidence.getInt("threshold"));
        assertEquals("Asia/Tokyo", evidence.getString("time_zone"));
        assertEquals(Instant.now().atZone(zone).toLocalDate().toString(), evidence.getString("local_date"));

        String[] delivery = Eventually.value("the signed webhook delivery",
                () -> received.stream().filter(r -> r[1].contains(alert.getString("id"))).findFirst().orElse(null));
        assertTrue(WebhookSigner.verify(hook.str("secret"), delivery[0], delivery[1]), "signed with the webhook's secret");
        assertTrue(delivery[1].contains("\"detector\":\"off_hours\"") && delivery[1].contains("\"off_hours_calls\":21"),
                delivery[1]);
        JsonObject status = Eventually.value("the delivery recorded as delivered", () -> {
            Api.Resp d = admin.get("api/v1/alerts/" + alert.getString("id") + "/deliveries");
            assertEquals(200, d.status(), d::toString);
            JsonArray list = d.items();
            JsonObject first = list.isEmpty() ? null : list.getJsonObject(0);
            return first != null && "delivered".equals(first.getString("status")) ? first : null;
        });
        assertEquals(hook.str("id"), status.getString("webhook_id"));
        assertEquals(1, received.stream().filter(r -> r[1].contains(alert.getString("id"))).count(), "delivered once");
    }

    @Test
    void aModelTheKeyNeverUsedRaisesOneAlertOnceTheKeyHasHistory() {
        String team = gw.team("5");
        String model = "demo/" + Api.unique("rare");
        Api.Resp created = admin.post("api/v1/models", "{\"id\":\"" + model + "\",\"provider_id\":\"demo\","
                + "\"upstream_model\":\"echo\",\"input_price\":1,\"output_price\":2,\"cached_input_price\":0.5,"
                + "\"max_output_tokens\":1000}");
        assertEquals(201, created.status(), created::toString);
        JsonObject veteran = gw.key(team, "\"allowed_models\":[\"demo/*\"]");
        JsonObject newcomer = gw.key(team, "\"allowed_models\":[\"demo/*\"]");
        history(veteran, team, "demo/echo", Instant.now().minus(Duration.ofDays(3)), 5, 40);

        for (JsonObject key : List.of(veteran, newcomer)) {
            call(key, "demo/echo", "the usual");
            call(key, model, "something new");
        }
        gw.usage(veteran.getString("id"), 7);
        gw.usage(newcomer.getString("id"), 2);
        scan();
        scan();

        JsonObject page = alerts(veteran.getString("id"), "unexpected_model");
        assertEquals(1, page.getInt("total"), "one alert, for the new model only, across two scans: " + page);
        JsonObject alert = page.getJsonArray("items").getJsonObject(0);
        assertEquals("medium", alert.getString("severity"));
        assertEquals(model, alert.getJsonObject("evidence").getString("model"));
        assertEquals(1, alert.getJsonObject("evidence").getInt("calls"));
        assertTrue(alert.getString("summary").contains(model), alert::toString);
        assertEquals(0, alerts(newcomer.getString("id"), "unexpected_model").getInt("total"),
                "a key without 24 h of history has no unexpected models yet");
    }

    @Test
    void aCriticalSpikeDeactivatesTheKeyWhenTheTeamPolicySaysSo() {
        String team = gw.team("5");
        Api.Resp policy = admin.send("PUT", "api/v1/teams/" + team + "/alert-policy", "{\"deactivate_on_critical\":true}",
                Map.of());
        assertEquals(200, policy.status(), policy::toString);
        JsonObject key = gw.key(team, "\"allowed_models\":[\"demo/*\"]");
        String keyId = key.getString("id");
        Instant now = Instant.now();
        for (int week = 1; week <= 4; week++) {
            history(key, team, "demo/echo", now.minus(Duration.ofDays(7L * week)), 1, 100);
        }

        call(key, "demo/echo", "x".repeat(80_000));
        gw.usage(keyId, 5);
        scan();

        JsonObject page = alerts(keyId, "usage_spike");
        assertEquals(1, page.getInt("total"), page::toString);
        JsonObject alert = page.getJsonArray("items").getJsonObject(0);
        assertEquals("critical", alert.getString("severity"), alert::toString);
        assertTrue(alert.getJsonObject("evidence").getJsonNumber("tokens").longValue() > 20_000, alert::toString);
        assertEquals(100.0, alert.getJsonObject("evidence").getJsonNumber("tokens_baseline_mean").doubleValue());
        assertTrue(alert.getString("action_taken").contains("deactivated"), alert::toString);

        JsonObject after = admin.get("api/v1/keys/" + keyId).json();
        assertEquals("deactivated", after.getString("status"));
        assertEquals("anomaly", after.getString("deactivation_reason"));
        HttpResponse<String> refused = gw.chat(key.getString("key"), Gw.chatBody("demo/echo", "still there?", null, false));
        assertEquals(401, refused.statusCode(), refused::body);
        assertEquals("key_deactivated", Gw.code(refused));

        Api.Resp other = admin.send("PUT", "api/v1/teams/" + team + "/alert-policy", "{\"deactivate_on_critical\":false}",
                Map.of());
        assertEquals(200, other.status(), other::toString);
        assertFalse(admin.get("api/v1/teams/" + team + "/alert-policy").body().contains("true"));
    }

    /**
     * A live key sent in a URL is refused (401 key_in_query) and raises one high
     * {@code key_exposed_in_url} alert on that key, however often it is sent, with where and from
     * whom but never the key, delivered to the team's webhook; with the team's deactivate policy on,
     * the key is deactivated by it.
     */
    @Test
    void aLiveKeySentInAUrlRaisesOneExposureAlertAndThePolicyDeactivatesIt() {
        String team = gw.team("5");
        Api.Resp hook = admin.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"" + hookUrl() + "\"}");
        assertEquals(201, hook.status(), hook::toString);
        JsonObject key = gw.key(team, "");
        String plaintext = key.getString("key");
        for (String query : List.of("api_key=" + plaintext, "key=" + plaintext.replace("-", "%2D"))) {
            HttpResponse<String> refused = gw.get("v1/models?" + query, Map.of("Authorization", "Bearer " + plaintext));
            assertEquals(401, refused.statusCode(), refused::body);
            assertEquals("key_in_query", Gw.code(refused));
        }
        JsonObject alert = Eventually.value("the exposure alert", () -> {
            JsonObject page = alerts(key.getString("id"), "key_exposed_in_url");
            return page.getInt("total") == 0 ? null : page.getJsonArray("items").getJsonObject(0);
        });
        assertEquals("high", alert.getString("severity"));
        assertEquals("/v1/models", alert.getJsonObject("evidence").getString("path"));
        assertEquals("127.0.0.1", alert.getJsonObject("evidence").getString("client_ip"));
        assertEquals("GET", alert.getJsonObject("evidence").getString("method"));
        assertFalse(alert.toString().contains(plaintext.substring(7)), "the alert never holds the key: " + alert);
        String[] delivery = Eventually.value("the exposure alert's webhook delivery",
                () -> received.stream().filter(r -> r[1].contains(alert.getString("id"))).findFirst().orElse(null));
        assertFalse(delivery[1].contains(plaintext.substring(7)), delivery[1]);
        assertEquals(1, alerts(key.getString("id"), "key_exposed_in_url").getInt("total"), "once per key");
        assertEquals("active", admin.get("api/v1/keys/" + key.getString("id")).str("status"), "no policy, no action");

        Api.Resp policy = admin.send("PUT", "api/v1/teams/" + team + "/alert-policy", "{\"deactivate_on_critical\":true}",
                Map.of());
        assertEquals(200, policy.status(), policy::toString);
        JsonObject other = gw.key(team, "");
        gw.get("v1/key/info?token=" + other.getString("key"), Map.of());
        JsonObject deactivated = Eventually.value("the exposed key deactivated by the team policy", () -> {
            JsonObject k = admin.get("api/v1/keys/" + other.getString("id")).json();
            return "deactivated".equals(k.getString("status")) ? k : null;
        });
        assertEquals("key exposed in a URL", deactivated.getString("deactivation_reason"));
        assertEquals("key_deactivated", Gw.code(gw.get("v1/models", Map.of("Authorization", "Bearer " + other.getString("key")))));
    }

    private void call(JsonObject key, String model, String text) {
        HttpResponse<String> r = gw.chat(key.getString("key"), Gw.chatBody(model, text, null, false));
        assertEquals(200, r.statusCode(), r::body);
    }

    private void history(JsonObject key, String team, String model, Instant at, int calls, long tokens) {
        Api.Resp r = admin.anonymous().post("it-hooks/history?key_id=" + key.getString("id") + "&team_id=" + team
                + "&model=" + model + "&at=" + at + "&calls=" + calls + "&tokens=" + tokens, null);
        assertEquals(204, r.status(), r::toString);
    }

    /** One complete anomaly scan, finished when this returns. */
    private void scan() {
        Api.Resp r = admin.anonymous().post("it-hooks/scan", null);
        assertEquals(204, r.status(), r::toString);
    }

    private JsonObject alerts(String keyId, String detector) {
        Api.Resp r = admin.get("api/v1/alerts?key_id=" + keyId + "&detector=" + detector);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

}
