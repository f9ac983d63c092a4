package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.it.pages.KeyPage;
import org.keygate.it.pages.KeysPage;
import org.keygate.it.pages.Layout;
import org.keygate.it.pages.LoginPage;
import org.keygate.it.pages.MembersPage;
import org.keygate.keys.control.KeyMint;
import org.openqa.selenium.By;

/**
 * The admin pages in headless Chromium against the default server in {@code local} mode (issue 4):
 * login, the one-time key dialog, field errors from the service, rotation, deactivation,
 * offboarding, what a MEMBER may see, escaping, and the pages' security headers and cookie. Each
 * test makes its own data through the API and checks the result through the API too, so a page
 * that only looks right cannot pass. Also takes the README's screenshots.
 */
@SharedServer
@ExtendWith(Browser.PerClass.class)
class AdminPagesIT {

    @SharedServer.Url
    URL url;

    Api admin;
    Fixture fx;

    @BeforeEach
    void setUp() {
        admin = Api.at(url).asAdmin();
        fx = new Fixture(Api.at(url));
    }

    private Browser loggedIn(String user, String password) {
        return LoginPage.loggedIn(url, user, password);
    }

    private Browser asAdmin() {
        return loggedIn("admin", Deployments.ADMIN_PASSWORD);
    }

    @Test
    void rootLeadsToLoginAndLoginToTheDashboard() {
        try (Browser browser = Browser.open(url)) {
            browser.go("");
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml"), browser.driver()::getCurrentUrl);
            LoginPage login = new LoginPage(browser);
            login.logIn("admin", "not-the-password");
            assertTrue(login.messages().contains("Wrong user name or password"), login::messages);

            login.logIn("admin", Deployments.ADMIN_PASSWORD);
            Layout dashboard = new Layout(browser);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/admin/index.xhtml"), browser.driver()::getCurrentUrl);
            assertEquals("admin", dashboard.user());
            assertEquals("Dashboard", dashboard.title());
            assertTrue(dashboard.menu().containsAll(java.util.List.of("Keys", "Members", "Teams", "Models", "Audit log")));
            String page = browser.driver().findElement(By.tagName("main")).getText();
            assertTrue(page.contains("Balance per team") && page.contains("Default"), page);
            browser.screenshot("dashboard-first-login");

            dashboard.logOut();
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml"));
            browser.go("admin/keys/list.xhtml");
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml?from="), "logged out for good");
        }
    }

    @Test
    void createKeyShowsThePlaintextOnceWithAWarning() {
        String team = fx.team();
        String project = Api.unique("proj");
        try (Browser browser = asAdmin()) {
            KeysPage keys = KeysPage.open(browser);
            String name = Api.unique("ui-key");
            String plaintext = keys.create(name, project);
            assertTrue(KeyMint.isWellFormed(plaintext), "a well-formed ck- key: " + plaintext.length());
            assertTrue(keys.warning().contains("You will not see it again"), keys::warning);
            assertTrue(browser.driver().findElement(By.id("copyKey")).isDisplayed(), "copy button");

            JsonObject listed = admin.get("api/v1/keys?project=" + project).items().getJsonObject(0);
            assertEquals(name, listed.getString("name"));
            assertEquals(plaintext.substring(0, 7), listed.getString("key_prefix"));
            assertEquals(plaintext.substring(31), listed.getString("last4"));

            // The README picture: the dialog as shown, with the secret's middle replaced in the DOM first.
            browser.script("var k = document.getElementById('newKey'); k.textContent = k.textContent.substring(0, 7)"
                    + " + '\u2022'.repeat(24) + k.textContent.substring(31);");
            browser.screenshot("one-time-key-dialog");

            keys.closeCreated();
            assertFalse(browser.driver().getPageSource().contains(plaintext), "gone from the page once closed");
            keys.openCreateDialog();
            assertFalse(keys.showsSecret(), "a fresh dialog shows no key");
            browser.go("admin/keys/list.xhtml");
            assertFalse(browser.driver().getPageSource().contains(plaintext), "never shown again");
            fx.key(team, admin.get("api/v1/me").str("id"));
            KeysPage.open(browser);
            browser.screenshot("keys-table");
        }
    }

    @Test
    void tableFiltersByProject() {
        String me = admin.get("api/v1/me").str("id");
        String team = fx.team();
        String project = Api.unique("filter");
        String inProject = Api.unique("in");
        Api.Resp r = admin.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"owner_id\":\"" + me + "\",\"name\":\""
                + inProject + "\",\"project\":\"" + project + "\"}");
        assertEquals(201, r.status(), r::toString);
        String other = fx.key(team, me).getString("name");
        try (Browser browser = asAdmin()) {
            KeysPage keys = KeysPage.open(browser);
            keys.filterProject(project);
            assertEquals(java.util.List.of(inProject), keys.names());
            assertFalse(keys.tableText().contains(other));
        }
    }

    @Test
    void invalidCidrIsShownNextToTheFieldAndNothingIsSaved() {
        String team = fx.team();
        JsonObject key = fx.key(team, admin.get("api/v1/me").str("id"));
        String id = key.getString("id");
        try (Browser browser = asAdmin()) {
            KeyPage page = KeyPage.open(browser, id);
            page.setLimits("10.0.0.0/8\n10.0.0.300/33", "120");
            String message = page.fieldMessage("settings:ipWhitelist");
            assertTrue(message.contains("line 2") && message.contains("10.0.0.300/33"), message);
            assertTrue(page.isInvalid("settings:ipWhitelist"));
            assertEquals("", page.fieldMessage("settings:rpmLimit"));
            JsonObject stored = admin.get("api/v1/keys/" + id).json();
            assertEquals(0, stored.getJsonArray("ip_whitelist").size(), "nothing written");
            assertTrue(stored.isNull("rpm_limit"), "nothing written");

            page.setLimits("10.0.0.0/8\n2001:db8::/32", "120");
            assertTrue(page.messages().contains("Settings saved"), page::messages);
            stored = admin.get("api/v1/keys/" + id).json();
            assertEquals("[\"10.0.0.0/8\",\"2001:db8::/32\"]", stored.getJsonArray("ip_whitelist").toString());
            assertEquals(120, stored.getInt("rpm_limit"));
        }
    }

    @Test
    void rotateShowsTheNewKeyOnceAndFinishingDeactivatesTheOldOne() {
        String team = fx.team();
        String id = fx.key(team, admin.get("api/v1/me").str("id")).getString("id");
        try (Browser browser = asAdmin()) {
            KeyPage page = KeyPage.open(browser, id);
            String successorKey = page.rotate();
            assertTrue(KeyMint.isWellFormed(successorKey));
            JsonObject old = admin.get("api/v1/keys/" + id).json();
            String successorId = old.getString("rotated_to");
            assertEquals(successorKey.substring(31), admin.get("api/v1/keys/" + successorId).str("last4"));
            assertEquals("active", old.getString("status"), "both keys work while the rotation is open");

            String panel = page.rotationPanel();
            assertTrue(panel.contains("in progress") && panel.contains("This (old)") && panel.contains("New"), panel);
            assertTrue(panel.contains("never"), "both keys' last use is shown: " + panel);

            page.finishRotation();
            assertEquals("deactivated", admin.get("api/v1/keys/" + id).str("status"));
            assertEquals("rotated", admin.get("api/v1/keys/" + id).str("deactivation_reason"));
            assertEquals("active", admin.get("api/v1/keys/" + successorId).str("status"));
            assertEquals("deactivated", page.status());
        }
    }

    @Test
    void deactivateNeedsAReasonAndIsConfirmed() {
        String team = fx.team();
        String id = fx.key(team, admin.get("api/v1/me").str("id")).getString("id");
        try (Browser browser = asAdmin()) {
            KeyPage page = KeyPage.open(browser, id);
            page.openDeactivate();
            page.confirmDeactivate(" ");
            assertTrue(page.fieldMessage("deactivateForm:reason").contains("is required"),
                    page.fieldMessage("deactivateForm:reason"));
            assertEquals("active", admin.get("api/v1/keys/" + id).str("status"));

            page.confirmDeactivate("laptop lost");
            JsonObject stored = admin.get("api/v1/keys/" + id).json();
            assertEquals("deactivated", stored.getString("status"));
            assertEquals("laptop lost", stored.getString("deactivation_reason"));
            assertEquals("deactivated", page.status());
            assertTrue(page.summary().contains("laptop lost"), page::summary);
            assertFalse(page.hasButton("keyActions:deactivate"));
        }
    }

    @Test
    void offboardingListsTheKeysItDeactivates() {
        String team = fx.team();
        JsonObject member = fx.memberListedFirst(team, "MEMBER");
        String k1 = fx.key(team, member.getString("id")).getString("name");
        String k2 = fx.key(team, member.getString("id")).getString("name");
        try (Browser browser = asAdmin()) {
            MembersPage page = MembersPage.open(browser);
            String dialog = page.openOffboard(member.getString("username"));
            assertTrue(dialog.contains(k1) && dialog.contains(k2) && dialog.contains("2 key(s)"), dialog);
            page.confirmOffboard("left the company");
            assertTrue(page.messages().contains("2 key(s) deactivated"), page::messages);
        }
        assertEquals("offboarded", admin.get("api/v1/members/" + member.getString("id")).str("status"));
        var keys = admin.get("api/v1/keys?owner_id=" + member.getString("id")).items();
        assertEquals(2, keys.size());
        keys.forEach(k -> assertEquals("deactivated", k.asJsonObject().getString("status")));
        try (Browser browser = Browser.open(url)) {
            LoginPage login = LoginPage.open(browser);
            login.logIn(member.getString("username"), Fixture.PASSWORD);
            assertTrue(login.messages().contains("Wrong user name or password"), "an offboarded member cannot log in");
        }
    }

    @Test
    void removingATeamFromAMembersRolesListsTheKeysItDeactivatesBeforeSaving() {
        String left = fx.team();
        String stays = fx.team();
        JsonObject member = fx.memberListedFirst(left, "MEMBER");
        String memberId = member.getString("id");
        assertEquals(200, fx.memberIn(memberId, "MEMBER", left, stays).status());
        JsonObject inLeft = fx.key(left, memberId);
        JsonObject inStays = fx.key(stays, memberId);
        String leftName = admin.get("api/v1/teams/" + left).str("name");
        try (Browser browser = asAdmin()) {
            MembersPage page = MembersPage.open(browser);
            page.openRoles(member.getString("username"));
            page.teamRole(leftName, "—");
            String dialog = page.saveRoles();
            assertTrue(dialog.contains(inLeft.getString("name")) && dialog.contains("1 key(s) will be deactivated"), dialog);
            assertFalse(dialog.contains(inStays.getString("name")), dialog);
            assertEquals("active", admin.get("api/v1/keys/" + inLeft.getString("id")).str("status"),
                    "nothing happens before the confirmation");
            page.confirmRoles();
            assertTrue(page.messages().contains("1 key(s) deactivated"), page::messages);
        }
        JsonObject gone = admin.get("api/v1/keys/" + inLeft.getString("id")).json();
        assertEquals("deactivated", gone.getString("status"));
        assertEquals("membership removed", gone.getString("deactivation_reason"));
        assertEquals("active", admin.get("api/v1/keys/" + inStays.getString("id")).str("status"));
        var teams = admin.get("api/v1/members/" + memberId).json().getJsonArray("memberships");
        assertEquals(1, teams.size(), teams::toString);
        assertEquals(stays, teams.getJsonObject(0).getString("team_id"));
    }

    @Test
    void aMemberSeesOnlyTheirOwnKeys() {
        String team = fx.team();
        JsonObject alice = fx.member(team, "MEMBER");
        JsonObject bob = fx.member(team, "MEMBER");
        String aliceKey = fx.key(team, alice.getString("id")).getString("name");
        JsonObject bobKey = fx.key(team, bob.getString("id"));
        try (Browser browser = loggedIn(alice.getString("username"), Fixture.PASSWORD)) {
            KeysPage keys = KeysPage.open(browser);
            assertEquals(java.util.List.of(aliceKey), keys.names());
            assertFalse(keys.menu().contains("Audit log"));
            assertFalse(keys.menu().contains("Members"));
            assertEquals("Member", browser.driver().findElement(By.cssSelector(".kg-role")).getText());

            browser.go("admin/keys/detail.xhtml?id=" + bobKey.getString("id"));
            assertTrue(browser.driver().getPageSource().contains("There is nothing here"), "another member's key is a 404");
            browser.go("admin/audit/list.xhtml");
            assertTrue(browser.driver().getPageSource().contains("There is nothing here"), "the audit log is a 404 for a MEMBER");
        }
    }

    @Test
    void aKeyNamedLikeAScriptRendersAsText() {
        String name = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        try (Browser browser = asAdmin()) {
            KeysPage keys = KeysPage.open(browser);
            keys.create(name, null);
            keys.closeCreated();
            assertTrue(keys.names().contains(name), keys::tableText);
            assertNull(browser.script("return window.__xss;"), "no script ran");
            browser.driver().findElement(By.linkText(name)).click();
            browser.waitForAjax();
            assertEquals(name, new Layout(browser).title());
            assertNull(browser.script("return window.__xss;"), "no script ran");
        }
    }

    @Test
    void pagesSendSecurityHeadersAStrictCookieAndNoStackTraces() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(Api.at(url).uri("login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'nonce-")
                && csp.contains("object-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(null));
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase().contains("samesite=strict"), cookie);

        // A POST with a forged view state (what a cross-site form would send) is refused with the expired page.
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(Api.at(url).uri("login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString("login=login&login%3Ausername=admin&login%3Apassword="
                        + Deployments.ADMIN_PASSWORD + "&login%3Asubmit=&jakarta.faces.ViewState=1%3A2"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(forged.body().contains("This page has expired"), forged::body);
        assertFalse(forged.headers().firstValue("Location").isPresent(), "no login happened");
        assertNoInternals(forged.body());

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(Api.at(url).uri("admin/nothing.xhtml"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertNoInternals(missing.body());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(Api.at(url).uri("api/v1/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    private static void assertNoInternals(String body) {
        assertFalse(java.util.regex.Pattern.compile("\\bat [\\w.$]+\\([\\w]+\\.java:\\d+\\)").matcher(body).find()
                || body.contains("Caused by") || body.contains("org.keygate"), body);
    }

    @Test
    void dashboardShowsOpenAlertsAndAcknowledgesThem() {
        String team = fx.team();
        JsonObject key = fx.key(team, admin.get("api/v1/me").str("id"));
        String keyId = key.getString("id");
        Api.Resp leak = admin.post("api/v1/keys/revoke-leaked", "{\"keys\":[\"" + key.getString("key") + "\"]}");
        assertEquals(200, leak.status(), leak::toString);
        try (Browser browser = asAdmin()) {
            browser.go("admin/index.xhtml");
            By row = By.xpath("//form[@id='alertsForm']//tr[.//a[text()='" + keyId + "']]");
            String text = browser.driver().findElement(row).getText();
            assertTrue(text.contains("critical"), text);
            browser.driver().findElement(row).findElement(By.tagName("button")).click();
            browser.waitForAjax();
            assertTrue(new Layout(browser).messages().contains("Alert acknowledged"));
        }
        JsonObject alert = admin.get("api/v1/alerts?key_id=" + keyId).items().getJsonObject(0);
        assertFalse(alert.isNull("acknowledged_at"), alert::toString);
        assertEquals("admin", alert.getString("acknowledged_by"));
    }

    @Test
    void auditLogShowsAnIntactChain() {
        String team = fx.team();
        try (Browser browser = asAdmin()) {
            browser.go("admin/audit/list.xhtml");
            String chain = browser.driver().findElement(By.id("auditForm:chain")).getText();
            assertTrue(chain.startsWith("Hash chain intact"), chain);
            String table = browser.driver().findElement(By.id("auditForm:entries")).getText();
            assertTrue(table.contains(team), "the newest entries come first: " + table);
        }
        assertNotEquals(0, admin.get("api/v1/audit").items().size());
    }
}
