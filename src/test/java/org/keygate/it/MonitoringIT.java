package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.monitoring.control.WebhookSigner;

/**
 * Alerts, webhooks and the leaked-key response (docs/alerts.md). The rotation period is 0 days in this
 * deployment and the scan runs every 3 s, so every new key is due at once and its reminder is raised
 * within seconds — a real alert through the real scheduler to a real receiver on loopback. A
 * further scan is run on request through {@link ScanHook} rather than slept for.
 */
@RunAsClient
class MonitoringIT extends OwnDeployment {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygate(Map.of("keygate.keys.rotation-period-days", "0", "keygate.anomaly.scan-seconds", "3",
                "keygate.webhooks.retry-first-seconds", "1", "keygate.webhooks.retry-cap-seconds", "2",
                "keygate.webhooks.allowed-targets", "127.0.0.1/32"))
                .addClass(ScanHook.class);
    }

    Api api;
    Fixture fx;
    HttpServer receiver;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        api = Api.at(url).asAdmin();
        fx = new Fixture(Api.at(url));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            received.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER), body,
                    String.valueOf(status)});
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void rotationReminderIsRaisedOnceAndDeliveredSignedToTheTeamWebhook() {
        String team = fx.team();
        Api.Resp hook = api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"" + hookUrl() + "\"}");
        assertEquals(201, hook.status(), hook::toString);
        String secret = hook.str("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(api.get("api/v1/teams/" + team + "/webhooks").body().indexOf("whsec_") < 0, "the secret is shown once");

        String keyId = fx.key(team, api.get("api/v1/me").str("id")).getString("id");
        JsonObject alert = Eventually.value("the rotation reminder", () -> first(api.get("api/v1/alerts?key_id=" + keyId)));
        assertEquals("rotation_due", alert.getString("detector"));
        assertEquals("low", alert.getString("severity"));
        assertEquals(team, alert.getString("team_id"));
        assertTrue(alert.getString("usage_url").contains("/api/v1/usage/records?key_id=" + keyId));

        String[] delivery = Eventually.value("the webhook delivery", () -> received.stream()
                .filter(r -> r[1].contains(alert.getString("id"))).findFirst().orElse(null));
        assertTrue(WebhookSigner.verify(secret, delivery[0], delivery[1]), "the signature checks out with the secret");
        assertFalse(WebhookSigner.verify("whsec_wrong", delivery[0], delivery[1]));
        assertTrue(delivery[1].contains("\"detector\":\"rotation_due\""), delivery[1]);

        JsonObject status = Eventually.value("delivery status", () -> {
            Api.Resp d = api.get("api/v1/webhooks/" + hook.str("id") + "/deliveries");
            JsonObject o = first(d);
            return o != null && o.getString("status").equals("delivered") ? o : null;
        });
        assertEquals(1, status.getInt("attempts"));

        Api auditor = fx.as(Api.at(url), fx.orgUser("AUDITOR"));
        Api.Resp seen = auditor.get("api/v1/teams/" + team + "/webhooks");
        assertEquals(200, seen.status(), "an AUDITOR reads a team's webhooks: " + seen);
        assertTrue(seen.body().indexOf("whsec_") < 0, "never their secrets");
        assertEquals(200, auditor.get("api/v1/webhooks/" + hook.str("id") + "/deliveries").status());
        assertEquals(403, auditor.post("api/v1/webhooks/" + hook.str("id") + "/deactivate", "{}").status(), "and changes nothing");

        scanAgain();
        assertEquals(1, api.get("api/v1/alerts?key_id=" + keyId).json().getInt("total"), "no duplicate alert on the next run");

        Api.Resp ack = api.post("api/v1/alerts/" + alert.getString("id") + "/acknowledge", "{\"note\":\"rotating today\"}");
        assertEquals(200, ack.status(), ack::toString);
        assertEquals("admin", ack.str("acknowledged_by"));
        assertEquals(409, api.post("api/v1/alerts/" + alert.getString("id") + "/acknowledge", null).status());
        assertEquals(0, api.get("api/v1/alerts?key_id=" + keyId + "&state=open").json().getInt("total"));
    }

    @Test
    void aFailingReceiverIsRetriedWithBackOff() {
        failuresLeft.set(2);
        String team = fx.team();
        Api.Resp hook = api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"" + hookUrl() + "\"}");
        fx.key(team, api.get("api/v1/me").str("id"));
        JsonObject done = Eventually.value("a delivery after two failures", () -> {
            JsonObject o = first(api.get("api/v1/webhooks/" + hook.str("id") + "/deliveries"));
            return o != null && o.getString("status").equals("delivered") ? o : null;
        });
        assertEquals(3, done.getInt("attempts"));
        assertEquals(204, done.getInt("last_status"));
        assertEquals(3, received.stream().filter(r -> r[1].contains(done.getString("alert_id"))).count());
    }

    @Test
    void revokeLeakedDeactivatesLiveKeysAndRevealsNothingElse() {
        String team = fx.team();
        JsonObject owner = fx.member(team, "MEMBER");
        JsonObject live = fx.key(team, owner.getString("id"));
        JsonObject dead = fx.key(team, owner.getString("id"));
        api.post("api/v1/keys/" + dead.getString("id") + "/deactivate", "{\"reason\":\"old\"}");
        Api scanner = fx.as(Api.at(url), fx.orgUser("SERVICE"));

        String unknownButWellFormed = "ck-" + "A".repeat(26);
        String body = "{\"keys\":[\"not a key\",\"" + live.getString("key") + "\",\"" + dead.getString("key") + "\",\""
                + unknownButWellFormed + "\"]}";
        Api.Resp r = scanner.post("api/v1/keys/revoke-leaked", body);
        assertEquals(200, r.status(), r::toString);
        assertEquals(4, r.json().getInt("checked"));
        assertEquals(1, r.json().getJsonArray("revoked").size(), r::toString);
        JsonObject revoked = r.json().getJsonArray("revoked").getJsonObject(0);
        assertEquals(1, revoked.getInt("index"));
        assertEquals(live.getString("id"), revoked.getString("key_id"));
        assertFalse(r.body().contains(dead.getString("id")), "nothing about strings that are not live keys");
        assertFalse(r.body().contains(live.getString("key")), "the plaintext is not echoed");

        JsonObject key = api.get("api/v1/keys/" + live.getString("id")).json();
        assertEquals("deactivated", key.getString("status"));
        assertEquals("leaked", key.getString("deactivation_reason"));
        JsonObject alert = first(api.get("api/v1/alerts?key_id=" + live.getString("id") + "&severity=critical"));
        assertEquals("leaked_key", alert.getString("detector"));

        assertEquals(403, fx.as(Api.at(url), owner).post("api/v1/keys/revoke-leaked", body).status(),
                "ordinary members cannot report leaks");
        assertEquals("keys", scanner.post("api/v1/keys/revoke-leaked", "{\"keys\":[]}").problemField());
        Api.Resp seen = scanner.get("api/v1/keys");
        assertEquals(200, seen.status(), seen::toString);
        assertEquals(0, seen.json().getInt("total"), "a service account sees no keys");
        assertEquals(403, scanner.post("api/v1/teams", "{\"name\":\"x\"}").status());
    }

    @Test
    void gatewayCallsFeedRollUpsThatMatchTheRawRecordsAndExportAsCsv() {
        String team = fx.team();
        assertEquals(201, api.post("api/v1/teams/" + team + "/ledger", "{\"amount\":5,\"note\":\"test credit\"}").status());
        JsonObject key = fx.key(team, api.get("api/v1/me").str("id"));
        String keyId = key.getString("id");
        Api gateway = Api.at(url);
        for (int i = 0; i < 7; i++) {
            Api.Resp call = gateway.post("v1/chat/completions", "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + "hello ".repeat(i + 1) + "\"}]}", Map.of("Authorization", "Bearer " + key.getString("key")));
            assertEquals(200, call.status(), call::toString);
        }
        String window = "&from=" + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(1));
        JsonObject hourly = Eventually.value("the roll-up of 7 calls", () -> {
            Api.Resp agg = api.get("api/v1/usage/aggregates?group_by=key&granularity=hour&key_id=" + keyId + window);
            assertEquals(200, agg.status(), agg::toString);
            long calls = agg.items().stream().mapToLong(v -> v.asJsonObject().getJsonNumber("requests").longValue()).sum();
            return calls == 7 ? agg.items().getJsonObject(0) : null;
        });
        Api.Resp raw = api.get("api/v1/usage/records?key_id=" + keyId + "&size=200" + window);
        assertEquals(7, raw.json().getInt("total"), raw::toString);
        long input = 0;
        long output = 0;
        java.math.BigDecimal cost = java.math.BigDecimal.ZERO;
        for (var v : raw.items()) {
            JsonObject r = v.asJsonObject();
            input += r.getJsonNumber("input_tokens").longValue();
            output += r.getJsonNumber("output_tokens").longValue();
            cost = cost.add(r.getJsonNumber("cost_usd").bigDecimalValue());
        }
        long hourlyInput = 0;
        java.math.BigDecimal hourlyCost = java.math.BigDecimal.ZERO;
        long hourlyOutput = 0;
        for (var v : api.get("api/v1/usage/aggregates?group_by=key&granularity=hour&key_id=" + keyId + window).items()) {
            hourlyInput += v.asJsonObject().getJsonNumber("input_tokens").longValue();
            hourlyOutput += v.asJsonObject().getJsonNumber("output_tokens").longValue();
            hourlyCost = hourlyCost.add(v.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue());
        }
        assertTrue(input > 0 && cost.signum() > 0, "the demo model meters tokens and cost");
        assertEquals(input, hourlyInput);
        assertEquals(output, hourlyOutput);
        assertEquals(0, cost.compareTo(hourlyCost), cost + " vs " + hourlyCost);
        JsonObject daily = api.get("api/v1/usage/aggregates?group_by=model&granularity=day&key_id=" + keyId + window)
                .items().getJsonObject(0);
        assertEquals("demo/echo", daily.getString("model"));
        assertEquals(7, daily.getInt("requests"));
        assertEquals(0, daily.getJsonNumber("cost_usd").bigDecimalValue().compareTo(hourlyCost), "daily and hourly agree");
        assertEquals(keyId, hourly.getString("key_id"));

        Api.Resp csv = api.get("api/v1/usage/records?key_id=" + keyId + "&format=csv" + window);
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String[] lines = csv.body().split("\r\n");
        assertEquals(8, lines.length, "a header and one line per call");
        List<String> header = List.of(lines[0].split(","));
        java.math.BigDecimal csvCost = java.math.BigDecimal.ZERO;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(header.size(), cells.length, lines[i]);
            assertEquals(keyId, cells[header.indexOf("key_id")]);
            csvCost = csvCost.add(new java.math.BigDecimal(cells[header.indexOf("cost_usd")]));
        }
        assertEquals(0, cost.compareTo(csvCost), "the CSV carries the same costs as the API");
        Api.Resp aggCsv = api.get("api/v1/usage/aggregates?group_by=team&granularity=day&team_id=" + team + "&format=csv" + window);
        assertTrue(aggCsv.body().startsWith("bucket_start,key_id,model,team_id,requests"), aggCsv.body());
        assertTrue(aggCsv.body().contains("," + team + ",7,"), aggCsv.body());
        assertEquals("granularity", api.get("api/v1/usage/aggregates?granularity=week" + window).problemField());
        assertEquals("from", api.get("api/v1/usage/aggregates?to=" + Instant.now()).problemField());

        Api scanner = fx.as(Api.at(url), fx.orgUser("SERVICE"));
        assertEquals(1, scanner.post("api/v1/keys/revoke-leaked", "{\"keys\":[\"" + key.getString("key") + "\"]}")
                .json().getJsonArray("revoked").size());
        Api.Resp refused = gateway.post("v1/chat/completions", "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"still there?\"}]}", Map.of("Authorization", "Bearer " + key.getString("key")));
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("key_deactivated", refused.json().getJsonObject("error").getString("code"));
    }

    @Test
    void webhookInputIsValidated() {
        String team = fx.team();
        assertEquals("url", api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"ftp://x\"}").problemField());
        assertEquals("url", api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"https://user:pw@host/\"}").problemField());
        assertEquals("min_severity", api.post("api/v1/teams/" + team + "/webhooks",
                "{\"url\":\"https://example.org/x\",\"min_severity\":\"urgent\"}").problemField());
        // internal targets: refused unless keygate.webhooks.allowed-targets lists them (here 127.0.0.1/32 only)
        for (String internal : List.of("http://127.0.0.2:9/x", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:9/x", "http://10.0.0.1/x", "https://192.168.0.10/x", "http://[fd00::1]/x",
                "http://224.0.0.1/x", "http://[::ffff:127.0.0.2]/x", "http://0.0.0.0:9/x")) {
            Api.Resp r = api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"" + internal + "\"}");
            assertEquals(400, r.status(), internal + ": " + r);
            assertEquals("url", r.problemField(), internal + ": " + r);
            assertTrue(r.body().contains("internal address"), r::toString);
        }
        Api.Resp hooks = api.get("api/v1/teams/" + team + "/webhooks");
        assertEquals(0, hooks.json().getInt("total"), "nothing was written: " + hooks);
        assertTrue(hooks.items().isEmpty(), hooks::toString);
        Api member = fx.as(Api.at(url), fx.member(team, "MEMBER"));
        assertEquals(403, member.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"https://example.org/x\"}").status());
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonObject first(Api.Resp page) {
        return page.status() == 200 && !page.items().isEmpty() ? page.items().getJsonObject(0) : null;
    }

    /** A complete scan that started after the alert was seen (it waits for a running one), instead of sleeping. */
    private void scanAgain() {
        assertEquals(204, Api.at(url).post("it-hooks/scan", null).status());
    }
}
