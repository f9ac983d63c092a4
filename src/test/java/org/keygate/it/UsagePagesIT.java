package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.it.pages.AuditPage;
import org.keygate.it.pages.CatalogPage;
import org.keygate.it.pages.DashboardPage;
import org.keygate.it.pages.KeyPage;
import org.keygate.it.pages.KeysPage;
import org.keygate.it.pages.LoginPage;
import org.keygate.keys.control.KeyMint;
import org.openqa.selenium.By;

/**
 * Usage in the admin pages, in headless Chromium (issue 4): a key made in the UI is used against
 * {@code /v1/chat/completions} and its call shows on the key's page (recent calls, chart drawn
 * under the CSP, CSV of the window) and on the dashboard; deactivation and "rotate and deactivate
 * old now" refuse the old key at the gateway; providers and models edited through the catalogue;
 * the audit log's CSV export of a filter. Results are checked through the API and the gateway.
 * A deployment of its own: the dashboard's top keys are the whole organisation's, and a key with
 * one call must be among them.
 */
@RunAsClient
@ExtendWith(Browser.PerClass.class)
class UsagePagesIT extends OwnDeployment {

    private static final DateTimeFormatter PICKER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygate();
    }

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

    private Browser asAdmin() {
        return loggedIn("admin", Deployments.ADMIN_PASSWORD);
    }

    /** GET of a page-session download link with the browser's cookies. */
    private static HttpResponse<String> download(Browser browser, String href) {
        return Gw.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", browser.cookieHeader()).GET());
    }

    @Test
    void aCallWithAKeyMadeInTheUiShowsOnItsPageAndTheDashboardAndDeactivationStopsIt() {
        String team = gw.team("5");
        String teamName = admin.get("api/v1/teams/" + team).str("name");
        String name = Api.unique("usage-ui");
        String plaintext;
        try (Browser browser = asAdmin()) {
            plaintext = KeysPage.open(browser).createIn(name, teamName);
            assertTrue(KeyMint.isWellFormed(plaintext));
            JsonObject key = admin.get("api/v1/keys?team_id=" + team).items().getJsonObject(0);
            assertEquals(name, key.getString("name"));
            String id = key.getString("id");

            HttpResponse<String> call = gw.chat(plaintext, Gw.chatBody("demo/echo", "hello from the usage test", 20, false));
            assertEquals(200, call.statusCode(), call::body);

            KeyPage page = KeyPage.open(browser, id);
            page.waitForCalls(1);
            List<String> rows = page.callRows();
            assertEquals(1, rows.size(), rows::toString);
            assertTrue(rows.get(0).contains("demo/echo") && rows.get(0).contains("200") && rows.get(0).contains("127.0.0.1"),
                    rows.get(0));
            JsonObject record = admin.get("api/v1/usage/records?key_id=" + id).items().getJsonObject(0);
            assertTrue(rows.get(0).contains(record.getJsonNumber("input_tokens") + " / " + record.getJsonNumber("output_tokens")),
                    rows.get(0));

            assertTrue(page.chartRendered(), "Chart.js drew the chart");
            assertTrue(page.chartTotals().startsWith("1 calls"), page::chartTotals);
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().noneMatch(e -> e.contains("Content Security Policy")), errors::toString);
            browser.screenshot("key-usage", page.usageSection());

            page.showDays();
            assertTrue(page.chartRendered(), "the daily chart too");
            assertTrue(page.chartTotals().startsWith("1 calls") && page.chartTotals().contains("30 days"), page::chartTotals);
            errors = browser.consoleErrors();
            assertTrue(errors.stream().noneMatch(e -> e.contains("Content Security Policy")), errors::toString);
            // The check above can fail: an inline script without the page's nonce is reported.
            browser.script("var s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
                    + " document.head.appendChild(s);");
            assertTrue(browser.consoleErrors().stream().anyMatch(e -> e.contains("Content Security Policy")),
                    "a CSP violation shows in the console");

            HttpResponse<String> csv = download(browser, page.csvHref());
            assertEquals(200, csv.statusCode(), csv::body);
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String apiCsv = admin.get("api/v1/usage/records?format=csv&key_id=" + id).body();
            assertEquals(apiCsv, csv.body(), "the page's download is the API's export");
            assertEquals(2, csv.body().split("\r\n").length, csv::body);
            assertTrue(csv.body().contains(record.getString("request_id")), csv::body);

            // A window after the call: no rows, and the CSV link exports that window only.
            LocalDateTime later = LocalDateTime.now(ZoneOffset.UTC).plusHours(1);
            page.showWindow(PICKER.format(later), null);
            assertEquals(List.of(), page.callRows());
            assertTrue(page.csvHref().contains("from="), page::csvHref);
            HttpResponse<String> empty = download(browser, page.csvHref());
            assertEquals(200, empty.statusCode(), empty::body);
            assertEquals(1, empty.body().split("\r\n").length, "the header only: " + empty.body());

            page.showWindow(PICKER.format(later.minusHours(3)), PICKER.format(later));
            assertEquals(1, page.callRows().size(), "the window holding the call: " + page.csvHref() + " "
                    + page.usageSection().getText());

            DashboardPage dashboard = DashboardPage.open(browser);
            assertTrue(dashboard.callsToday() >= 1, "calls today: " + dashboard.callsToday());
            assertFalse(dashboard.spendToday().equals("$0.00"), dashboard.spendToday());
            String top = dashboard.topKeys().stream().filter(r -> r.startsWith(name)).findFirst().orElse("");
            assertTrue(top.contains(teamName) && top.contains(" 1 "), "top keys: " + dashboard.topKeys());
            browser.screenshot("dashboard");
            dashboard.openTopKey(name);
            page = new KeyPage(browser);
            assertEquals(name, page.title());

            page.openDeactivate();
            page.confirmDeactivate("seen in an incident");
            assertEquals("deactivated", page.status());
        }
        HttpResponse<String> refused = gw.chat(plaintext, Gw.chatBody("demo/echo", "after", 20, false));
        assertEquals(401, refused.statusCode(), refused::body);
        assertEquals("key_deactivated", Gw.code(refused));
    }

    @Test
    void rotateAndDeactivateOldNowRefusesTheOldKeyAtOnceAndTheNewOneWorks() {
        String team = gw.team("5");
        JsonObject created = gw.key(team, "\"allowed_models\":[\"demo/*\"]");
        String oldKey = created.getString("key");
        String id = created.getString("id");
        assertEquals(200, gw.chat(oldKey, Gw.chatBody("demo/echo", "before", 10, false)).statusCode());
        String newKey;
        try (Browser browser = asAdmin()) {
            KeyPage page = KeyPage.open(browser, id);
            newKey = page.rotateNow();
            assertTrue(KeyMint.isWellFormed(newKey));
            assertTrue(page.rotateDialogText().contains("You will not see it again")
                    && page.rotateDialogText().contains("The old key is deactivated"), page::rotateDialogText);
            assertEquals("deactivated", page.status());
        }
        HttpResponse<String> old = gw.chat(oldKey, Gw.chatBody("demo/echo", "after", 10, false));
        assertEquals(401, old.statusCode(), old::body);
        assertEquals("key_deactivated", Gw.code(old));
        assertEquals(200, gw.chat(newKey, Gw.chatBody("demo/echo", "after", 10, false)).statusCode());

        JsonObject stored = admin.get("api/v1/keys/" + id).json();
        assertEquals("deactivated", stored.getString("status"));
        assertEquals("rotated", stored.getString("deactivation_reason"));
        JsonObject successor = admin.get("api/v1/keys/" + stored.getString("rotated_to")).json();
        assertEquals(newKey.substring(31), successor.getString("last4"));
        assertEquals("[\"demo/*\"]", successor.getJsonArray("allowed_models").toString(), "same settings");
        JsonObject audit = admin.get("api/v1/audit?action=key.rotate&target_id=" + id).items().getJsonObject(0);
        assertEquals("admin", audit.getString("actor"));
    }

    @Test
    void dashboardUsageAndKeyDownloadsFollowTheCallersScope() {
        String team = gw.team("5");
        JsonObject alice = fx.member(team, "MEMBER");
        JsonObject bob = fx.member(team, "MEMBER");
        JsonObject aliceKey = gw.key(team, "\"owner_id\":\"" + alice.getString("id") + "\"");
        JsonObject bobKey = gw.key(team, "\"owner_id\":\"" + bob.getString("id") + "\"");
        assertEquals(200, gw.chat(aliceKey.getString("key"), Gw.chatBody("demo/echo", "a", 10, false)).statusCode());
        assertEquals(200, gw.chat(bobKey.getString("key"), Gw.chatBody("demo/echo", "b", 10, false)).statusCode());
        assertEquals(200, gw.chat(bobKey.getString("key"), Gw.chatBody("demo/echo", "c", 10, false)).statusCode());
        gw.usage(aliceKey.getString("id"), 1);
        gw.usage(bobKey.getString("id"), 2);
        try (Browser browser = loggedIn(alice.getString("username"), Fixture.PASSWORD)) {
            DashboardPage dashboard = DashboardPage.open(browser);
            assertEquals(1, dashboard.callsToday(), "alice sees her own key's call only");
            List<String> top = dashboard.topKeys();
            assertEquals(1, top.size(), top::toString);
            assertTrue(top.get(0).startsWith(aliceKey.getString("name")), top::toString);

            HttpResponse<String> own = download(browser, browser.url("admin/usage/records.csv?key_id="
                    + aliceKey.getString("id")));
            assertEquals(200, own.statusCode(), own::body);
            HttpResponse<String> others = download(browser, browser.url("admin/usage/records.csv?key_id="
                    + bobKey.getString("id")));
            assertEquals(404, others.statusCode(), "another member's usage is not there");
            assertFalse(others.body().contains("request_id"), others::body);
            HttpResponse<String> audit = download(browser, browser.url("admin/audit/entries.csv"));
            assertEquals(404, audit.statusCode(), "the audit export is not there for a MEMBER");

            assertFalse(CatalogPage.models(browser).hasForm(), "a MEMBER reads the catalogue only");
            assertTrue(CatalogPage.models(browser).tableText().contains("demo/echo"));
            assertFalse(CatalogPage.providers(browser).hasForm());
        }
    }

    @Test
    void providersAndModelsAreCreatedAndEditedThroughTheCatalogue() {
        String provider = Api.unique("p").toLowerCase();
        String model = provider + "/small";
        try (Browser browser = asAdmin()) {
            CatalogPage providers = CatalogPage.providers(browser);
            assertTrue(providers.menu().contains("Providers"), providers.menu()::toString);
            providers.fill("id", provider).fill("name", "Test upstream").fill("baseUrl", "https://llm.example.invalid/v1")
                    .fill("credentialRef", "sk-live-secret-value");
            providers.save();
            assertTrue(providers.fieldMessage("credentialRef").contains("looks like a secret"),
                    providers.fieldMessage("credentialRef"));
            assertEquals(404, admin.get("api/v1/providers/" + provider).status(), "nothing written");

            providers.fill("credentialRef", "KEYGATE_IT_UNSET_CREDENTIAL");
            providers.save();
            assertTrue(providers.messages().contains("Provider " + provider + " created"), providers::messages);
            JsonObject stored = admin.get("api/v1/providers/" + provider).json();
            assertEquals("https://llm.example.invalid/v1", stored.getString("base_url"));
            assertEquals("KEYGATE_IT_UNSET_CREDENTIAL", stored.getString("credential_ref"));
            String row = providers.row(provider);
            assertTrue(row.contains("KEYGATE_IT_UNSET_CREDENTIAL") && row.contains("not set on this server"), row);

            providers.edit(provider);
            providers.fill("baseUrl", "https://other.example.invalid/v1");
            providers.save();
            assertEquals("https://other.example.invalid/v1", admin.get("api/v1/providers/" + provider).str("base_url"));

            CatalogPage models = CatalogPage.models(browser);
            models.fill("id", model).pick("provider", provider).fill("upstream", "small-1").fill("inputPrice", "0.15")
                    .fill("outputPrice", "0.6").fill("maxOutput", "-3");
            models.save();
            assertTrue(models.fieldMessage("maxOutput").contains("max_output_tokens") || !models.fieldMessage("maxOutput").isEmpty(),
                    models.fieldMessage("maxOutput"));
            assertEquals(404, admin.get("api/v1/models/" + model).status(), "nothing written");
            models.fill("maxOutput", "4096");
            models.save();
            JsonObject m = admin.get("api/v1/models/" + model).json();
            assertEquals("0.150000", m.getJsonNumber("input_price").bigDecimalValue().toPlainString());
            assertEquals("0.150000", m.getJsonNumber("cached_input_price").bigDecimalValue().toPlainString(),
                    "cached input defaults to the input price");
            assertTrue(models.row(model).contains("$0.15") && models.row(model).contains("$0.60"), models.row(model));

            models.edit(model);
            models.fill("outputPrice", "0.75");
            models.save();
            assertEquals("0.750000", admin.get("api/v1/models/" + model).json().getJsonNumber("output_price")
                    .bigDecimalValue().toPlainString());
            assertEquals(1, admin.get("api/v1/audit?action=model.update&target_id=" + model).items().size());
        }
    }

    @Test
    void auditExportIsTheFilterOnScreenAndEqualsTheApiExport() {
        String team = fx.team();
        admin.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":30}");
        try (Browser browser = asAdmin()) {
            AuditPage audit = AuditPage.open(browser);
            audit.filterTargetId(team);
            assertTrue(audit.entries().contains("team.update") && audit.entries().contains("team.create"), audit::entries);
            HttpResponse<String> csv = download(browser, audit.exportHref());
            assertEquals(200, csv.statusCode(), csv::body);
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("audit-log.csv"));
            String[] lines = csv.body().split("\r\n");
            assertEquals("seq,at,actor,action,target_type,target_id,source_ip,before,after,prev_hash,entry_hash", lines[0]);
            assertEquals(3, lines.length, csv::body);
            assertTrue(lines[1].contains(",team.update,team," + team + ","), lines[1]);
            assertTrue(lines[2].contains(",team.create,team," + team + ","), lines[2]);
            Api.Resp api = admin.get("api/v1/audit?format=csv&target_id=" + team);
            assertEquals(200, api.status(), api::toString);
            assertEquals(api.body(), csv.body(), "the page's export is the API's");
        }
        assertEquals(400, admin.get("api/v1/audit?format=xml").status());
    }
}
