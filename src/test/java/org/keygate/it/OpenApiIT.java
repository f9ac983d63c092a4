package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * {@code /openapi} is Keygate's own document on this server (not the server's generated one), in
 * YAML and JSON, naming the deployment as its server; and Swagger UI at {@code /openapi/ui/}
 * shows it in headless Chromium under its Content-Security-Policy — no console error, no inline
 * script allowed — and "try it out" with the admin's Basic credentials calls this server and
 * shows its 200.
 */
@SharedServer
class OpenApiIT {

    @SharedServer.Url
    URL url;

    @Test
    void theDocumentIsKeygatesOwnInYamlAndJson() {
        Api api = Api.at(url).anonymous();
        HttpResponse<String> yaml = Gw.send(HttpRequest.newBuilder(api.uri("openapi")).GET());
        assertEquals(200, yaml.statusCode(), yaml::body);
        assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"), yaml.headers()::toString);
        HttpResponse<String> json = Gw.send(HttpRequest.newBuilder(api.uri("openapi")).header("Accept", "application/json").GET());
        assertEquals(200, json.statusCode(), json::body);
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(json.body(), Gw.send(HttpRequest.newBuilder(api.uri("openapi?format=json")).GET()).body());

        OpenAPI fromYaml = new OpenAPIV3Parser().readContents(yaml.body()).getOpenAPI();
        OpenAPI fromJson = new OpenAPIV3Parser().readContents(json.body()).getOpenAPI();
        assertEquals(fromYaml, fromJson);
        String contextPath = url.getPath().endsWith("/") ? url.getPath().substring(0, url.getPath().length() - 1) : url.getPath();
        assertEquals(contextPath.isEmpty() ? "/" : contextPath, fromJson.getServers().get(0).getUrl());
        assertTrue(fromJson.getPaths().containsKey("/api/v1/keys"), "the management API");
        assertTrue(fromJson.getPaths().containsKey("/v1/chat/completions"), "the gateway");
        JsonObject keyView = Json.createReader(new StringReader(json.body())).readObject().getJsonObject("components")
                .getJsonObject("schemas").getJsonObject("KeyView").getJsonObject("properties");
        assertTrue(keyView.containsKey("team_id") && !keyView.containsKey("teamId"), "snake_case as the API speaks: " + keyView.keySet());

        assertEquals(400, Gw.send(HttpRequest.newBuilder(api.uri("openapi?format=xml")).GET()).statusCode());
    }

    @Test
    void swaggerUiShowsItAndTriesItOutAgainstThisServer() {
        HttpResponse<String> page = Gw.send(HttpRequest.newBuilder(Api.at(url).uri("openapi/ui/")).GET());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self';") && !csp.contains("'unsafe-eval'"), csp);
        assertFalse(csp.contains("unsafe-inline"), "nothing inline: " + csp);

        try (Browser browser = Browser.open(url)) {
            browser.consoleErrors();
            browser.go("openapi/ui");
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(60));
            wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 40));
            assertTrue(browser.driver().getTitle().contains("Keygate"), browser.driver().getTitle());

            browser.driver().findElement(By.cssSelector("button.authorize")).click();
            WebElement modal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
            WebElement basic = modal.findElements(By.cssSelector(".auth-container")).stream()
                    .filter(c -> c.getText().contains("basicAuth")).findFirst().orElseThrow();
            basic.findElement(By.cssSelector("input[type=text]")).sendKeys("admin");
            basic.findElement(By.cssSelector("input[type=password]")).sendKeys(Deployments.ADMIN_PASSWORD);
            basic.findElement(By.cssSelector("button.authorize")).click();
            modal.findElement(By.cssSelector("button.close-modal")).click();

            WebElement me = browser.driver().findElements(By.cssSelector(".opblock")).stream()
                    .filter(b -> b.findElements(By.cssSelector(".opblock-summary-path[data-path='/api/v1/me']")).size() == 1)
                    .findFirst().orElseThrow();
            me.findElement(By.cssSelector(".opblock-summary-control")).click();
            wait.until(d -> !me.findElements(By.cssSelector(".try-out__btn")).isEmpty());
            me.findElement(By.cssSelector(".try-out__btn")).click();
            wait.until(d -> !me.findElements(By.cssSelector("button.execute")).isEmpty());
            me.findElement(By.cssSelector("button.execute")).click();
            WebElement status = wait.until(d -> me.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"))
                    .stream().findFirst().orElse(null));
            assertEquals("200", status.getText().trim(), me.getText());
            assertTrue(me.getText().contains("\"username\": \"admin\""), me.getText());
            browser.screenshot("openapi-ui", me);

            List<String> errors = browser.consoleErrors();
            assertEquals(List.of(), errors, "the console under the page's CSP");
        }
    }

    /** The documented operations no other IT happens to call, so that every one is held against the document. */
    @Test
    void theRemainingOperationsAnswerAsDocumented() {
        Gw gw = new Gw(Api.at(url));
        assertEquals(200, gw.get("ping", Map.of()).statusCode());
        assertEquals(200, gw.get("health", Map.of()).statusCode());
        Api.Resp models = gw.admin.get("api/v1/models");
        assertEquals(200, models.status(), models::toString);
        assertTrue(models.body().contains("demo/echo"), models::toString);
        String key = gw.key(gw.team("1"), "").getString("key");
        HttpResponse<String> verified = Gw.send(HttpRequest.newBuilder(gw.api.uri("auth/verify")).header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, verified.statusCode(), verified::body);
    }

    @Test
    void onlyTheUisOwnFilesAreServed() {
        Api api = Api.at(url);
        for (String path : List.of("openapi/ui/index.html", "openapi/ui/swagger-initializer.js", "openapi/ui/oauth2-redirect.html",
                "openapi/ui/swagger-ui-es-bundle.js", "openapi/ui/swagger-ui.css.map", "openapi/nothing")) {
            assertEquals(404, Gw.send(HttpRequest.newBuilder(api.uri(path)).GET()).statusCode(), path);
        }
        Map<String, String> types = Map.of("openapi/ui/swagger-ui-bundle.js", "text/javascript", "openapi/ui/swagger-ui.css", "text/css",
                "openapi/ui/keygate-swagger.js", "text/javascript");
        types.forEach((path, type) -> {
            HttpResponse<String> r = Gw.send(HttpRequest.newBuilder(api.uri(path)).GET());
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), path + " " + r.headers());
        });
    }
}
