package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.monitoring.control.WebhookSigner;

/**
 * Alerts, webhooks and the leaked-key response (SPEC §6). The rotation period is 0 days in this
 * deployment and the scan runs every 3 s, so every new key is due at once and its reminder is raised
 * within seconds — a real alert through the real scheduler to a real receiver on loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MonitoringIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygate(Map.of("keygate.keys.rotation-period-days", "0", "keygate.anomaly.scan-seconds", "3",
                "keygate.webhooks.retry-first-seconds", "1", "keygate.webhooks.retry-cap-seconds", "2"));
    }

    @ArquillianResource
    URL url;

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
        JsonObject alert = await("the rotation reminder", () -> first(api.get("api/v1/alerts?key_id=" + keyId)));
        assertEquals("rotation_due", alert.getString("detector"));
        assertEquals("low", alert.getString("severity"));
        assertEquals(team, alert.getString("team_id"));
        assertTrue(alert.getString("usage_url").contains("/api/v1/usage/records?key_id=" + keyId));

        String[] delivery = await("the webhook delivery", () -> received.stream()
                .filter(r -> r[1].contains(alert.getString("id"))).findFirst().orElse(null));
        assertTrue(WebhookSigner.verify(secret, delivery[0], delivery[1]), "the signature checks out with the secret");
        assertFalse(WebhookSigner.verify("whsec_wrong", delivery[0], delivery[1]));
        assertTrue(delivery[1].contains("\"detector\":\"rotation_due\""), delivery[1]);

        JsonObject status = await("delivery status", () -> {
            Api.Resp d = api.get("api/v1/webhooks/" + hook.str("id") + "/deliveries");
            JsonObject o = first(d);
            return o != null && o.getString("status").equals("delivered") ? o : null;
        });
        assertEquals(1, status.getInt("attempts"));

        sleepThroughTheNextScan();
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
        JsonObject done = await("a delivery after two failures", () -> {
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
    void webhookInputIsValidated() {
        String team = fx.team();
        assertEquals("url", api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"ftp://x\"}").problemField());
        assertEquals("url", api.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"https://user:pw@host/\"}").problemField());
        assertEquals("min_severity", api.post("api/v1/teams/" + team + "/webhooks",
                "{\"url\":\"https://example.org/x\",\"min_severity\":\"urgent\"}").problemField());
        assertEquals("[]", api.get("api/v1/teams/" + team + "/webhooks").body(), "nothing was written");
        Api member = fx.as(Api.at(url), fx.member(team, "MEMBER"));
        assertEquals(403, member.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"https://example.org/x\"}").status());
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonObject first(Api.Resp page) {
        return page.status() == 200 && !page.items().isEmpty() ? page.items().getJsonObject(0) : null;
    }

    /** Polls until the supplier gives a value; the scan runs every 3 s here, deliveries every 5 s. */
    private static <T> T await(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            pause(500);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static void sleepThroughTheNextScan() {
        pause(8_000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
