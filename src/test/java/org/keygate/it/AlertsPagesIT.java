package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.it.pages.AlertPage;
import org.keygate.it.pages.AlertsPage;
import org.keygate.it.pages.LoginPage;
import org.keygate.it.pages.OpenAlertsPanel;

/**
 * The alert flow in the browser (issue 5): a real off-hours alert, raised by the real detector from
 * real gateway calls, appears on the dashboard; the admin opens it, reads the evidence and
 * deactivates the key from there, and the gateway refuses the key. Also the alerts page: filters,
 * acknowledging, and a MEMBER seeing only their own keys' alerts. Results are checked through the
 * API, so a page that only looks right cannot pass. Takes the README's alert screenshot.
 */
@SharedServer
@ExtendWith(Browser.PerClass.class)
class AlertsPagesIT {

    @SharedServer.Url
    URL url;

    Api admin;
    Fixture fx;
    Gw gw;

    @BeforeEach
    void setUp() {
        admin = Api.at(url).asAdmin();
        fx = new Fixture(Api.at(url));
        gw = new Gw(Api.at(url));
    }

    private Browser loggedIn(String user, String password) {
        return LoginPage.loggedIn(url, user, password);
    }

    @Test
    void anOffHoursAlertOnTheDashboardLeadsToItsEvidenceAndTheKeyIsDeactivatedFromThere() {
        String team = gw.team("5");
        ZoneId zone = ZoneId.of("America/New_York");
        DayOfWeek notToday = Instant.now().atZone(zone).getDayOfWeek().plus(2);
        String teamName = admin.get("api/v1/teams/" + team).str("name");
        assertEquals(200, admin.patch("api/v1/teams/" + team, "{\"time_zone\":\"" + zone + "\",\"working_hours\":{\"days\":[\""
                + notToday.name().substring(0, 3) + "\"],\"start\":\"09:00\",\"end\":\"17:00\"}}").status());
        JsonObject key = gw.key(team, "\"allowed_models\":[\"demo/echo\"]");
        String keyId = key.getString("id");
        for (int i = 0; i < 21; i++) {
            HttpResponse<String> r = gw.chat(key.getString("key"), Gw.chatBody("demo/echo", "after hours " + i, null, false));
            assertEquals(200, r.statusCode(), r::body);
        }
        gw.usage(keyId, 21);
        assertEquals(204, admin.anonymous().post("it-hooks/scan", null).status());
        JsonObject alert = admin.get("api/v1/alerts?key_id=" + keyId + "&detector=off_hours").items().getJsonObject(0);

        try (Browser browser = loggedIn("admin", Deployments.ADMIN_PASSWORD)) {
            OpenAlertsPanel dashboard = OpenAlertsPanel.open(browser);
            assertTrue(dashboard.count() >= 1, dashboard::text);
            assertEquals(dashboard.count(), dashboard.navigationCount(), "the navigation shows the same open count");
            assertTrue(dashboard.menu().stream().anyMatch(m -> m.startsWith("Alerts")), dashboard.menu()::toString);

            AlertPage page = dashboard.openAlert(alert.getString("summary"));
            assertTrue(browser.driver().getCurrentUrl().contains("alerts/detail.xhtml?id=" + alert.getString("id")),
                    browser.driver()::getCurrentUrl);
            assertEquals("medium", page.severity());
            assertEquals("off_hours", page.detector());
            assertTrue(page.summary().contains("21 calls outside working hours"), page::summary);
            Map<String, String> evidence = page.evidence();
            assertEquals("21", evidence.get("off hours calls"), evidence::toString);
            assertEquals("20", evidence.get("threshold"), evidence::toString);
            assertEquals("America/New_York", evidence.get("time zone"), evidence::toString);
            assertEquals("09:00-17:00", evidence.get("working hours"), evidence::toString);
            assertTrue(page.keyPanel().contains(key.getString("name")) && page.keyPanel().contains(teamName), page::keyPanel);
            assertEquals("active", page.keyStatus());
            assertTrue(page.keyLink().endsWith("keys/detail.xhtml?id=" + keyId), page::keyLink);
            browser.screenshot("alert-detail");

            String reason = page.openDeactivate();
            assertTrue(reason.startsWith("anomaly") && reason.contains(alert.getString("id")), reason);
            page.confirmDeactivate();
            assertTrue(page.messages().contains("The key is deactivated"), page::messages);
            assertFalse(page.canDeactivate(), "nothing left to deactivate");
        }

        JsonObject after = admin.get("api/v1/keys/" + keyId).json();
        assertEquals("deactivated", after.getString("status"));
        assertEquals("admin", after.getString("deactivated_by"));
        assertTrue(after.getString("deactivation_reason").contains(alert.getString("id")), after::toString);
        HttpResponse<String> refused = gw.chat(key.getString("key"), Gw.chatBody("demo/echo", "hello?", null, false));
        assertEquals(401, refused.statusCode(), refused::body);
        assertEquals("key_deactivated", Gw.code(refused));
        Api.Resp audited = admin.get("api/v1/audit?action=key.deactivate&target_id=" + keyId);
        assertEquals(1, audited.json().getInt("total"), audited::toString);
        assertEquals("admin", audited.items().getJsonObject(0).getString("actor"), "audited as the admin, like the API");
    }

    @Test
    void theAlertsPageFiltersAndAcknowledgesAndAMemberSeesOnlyTheirOwnKeysAlerts() {
        String team = fx.team();
        String teamName = admin.get("api/v1/teams/" + team).str("name");
        JsonObject alice = fx.member(team, "MEMBER");
        JsonObject bob = fx.member(team, "MEMBER");
        JsonObject aliceKey = fx.key(team, alice.getString("id"));
        JsonObject bobKey = fx.key(team, bob.getString("id"));
        Api.Resp leak = admin.post("api/v1/keys/revoke-leaked", "{\"keys\":[\"" + aliceKey.getString("key") + "\",\""
                + bobKey.getString("key") + "\"]}");
        assertEquals(200, leak.status(), leak::toString);
        String aliceAlert = leak.json().getJsonArray("revoked").getJsonObject(0).getString("alert_id");
        String bobAlert = leak.json().getJsonArray("revoked").getJsonObject(1).getString("alert_id");

        try (Browser browser = loggedIn("admin", Deployments.ADMIN_PASSWORD)) {
            AlertsPage alerts = AlertsPage.open(browser);
            assertEquals("Alerts", alerts.title());
            alerts.detector("leaked_key");
            alerts.team(teamName);
            assertEquals(List.of(bobAlert, aliceAlert).stream().sorted().toList(),
                    alerts.alertIds().stream().sorted().toList(), "both leak alerts of the team, nothing else");
            assertTrue(alerts.row(aliceAlert).contains("critical") && alerts.row(aliceAlert).contains(aliceKey.getString("name")),
                    alerts.row(aliceAlert));

            alerts.acknowledge(aliceAlert);
            assertTrue(alerts.messages().contains("Alert acknowledged"), alerts::messages);
            assertEquals(List.of(bobAlert), alerts.alertIds(), "the open filter drops the acknowledged alert");
            alerts.status("Acknowledged");
            assertEquals(List.of(aliceAlert), alerts.alertIds());
            assertTrue(alerts.row(aliceAlert).contains("by admin"), alerts.row(aliceAlert));

            AlertPage page = alerts.openAlert(aliceAlert);
            assertEquals("leaked_key", page.detector());
            assertEquals("deactivated", page.keyStatus());
            assertFalse(page.canDeactivate(), "a leaked key is already deactivated");
        }
        JsonObject acked = admin.get("api/v1/alerts/" + aliceAlert).json();
        assertEquals("admin", acked.getString("acknowledged_by"));
        assertTrue(admin.get("api/v1/alerts/" + bobAlert).json().isNull("acknowledged_at"));

        try (Browser browser = loggedIn(alice.getString("username"), Fixture.PASSWORD)) {
            AlertsPage alerts = AlertsPage.open(browser);
            alerts.status("Any status");
            assertEquals(List.of(aliceAlert), alerts.alertIds(), "a MEMBER sees their own keys' alerts only");
            AlertPage.open(browser, bobAlert);
            assertTrue(browser.driver().getPageSource().contains("There is nothing here"), "another member's alert is a 404");
        }
    }
}
