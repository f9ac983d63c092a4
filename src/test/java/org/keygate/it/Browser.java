package org.keygate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests: Debian's own chromium binary and chromedriver are named
 * explicitly, so Selenium Manager never runs and nothing is downloaded; each browser gets a fresh
 * temporary profile; background networking, component updates, sync, first-run pages, the network
 * time and autofill services are switched off and the search provider points at a closed local port,
 * so the browser calls nothing but the deployment.
 *
 * <p>A test class marked {@code @ExtendWith(Browser.PerClass.class)} starts one Chromium for all its
 * tests: {@link #open} hands out that one, and {@link #close()} then only clears it (every cookie,
 * the console, the page) so the next test starts logged out; it quits when the class is done.
 * Otherwise {@link #close()} quits the driver and removes the profile.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/lib/chromium/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** The browser of the running class, when it is marked with {@link PerClass} (null inside until first use). */
    private static final ThreadLocal<Browser[]> CLASS_BROWSER = new ThreadLocal<>();

    private final ChromeDriver driver;
    private final Path profile;
    private final String root;
    private final boolean kept;

    private Browser(ChromeDriver driver, Path profile, String root, boolean kept) {
        this.driver = driver;
        this.profile = profile;
        this.root = root;
        this.kept = kept;
    }

    /** One Chromium for all tests of a class (see the class comment). */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            CLASS_BROWSER.set(new Browser[1]);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            Browser[] holder = CLASS_BROWSER.get();
            CLASS_BROWSER.remove();
            if (holder != null && holder[0] != null) {
                holder[0].quit();
            }
        }
    }

    /**
     * A browser whose relative URLs resolve against the deployment (on 127.0.0.1): the class's
     * one browser under {@link PerClass}, else a new one.
     */
    public static Browser open(URL deployment) {
        Browser[] holder = CLASS_BROWSER.get();
        if (holder == null) {
            return start(deployment, false);
        }
        if (holder[0] == null || !holder[0].root.equals(root(deployment))) {
            if (holder[0] != null) {
                holder[0].quit();
            }
            holder[0] = start(deployment, true);
        }
        return holder[0];
    }

    private static String root(URL deployment) {
        String path = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        return "http://127.0.0.1:" + deployment.getPort() + path;
    }

    private static Browser start(URL deployment, boolean kept) {
        Path profile;
        try {
            profile = Files.createTempDirectory("keygate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication",
                "--component-updater=url-source=http://127.0.0.1:9/", "--user-data-dir=" + profile,
                "--window-size=1366,900", "--lang=en-US");
        // The console (CSP violations among it) is read by consoleErrors().
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.setExperimentalOption("prefs", Map.of("default_search_provider_data.template_url_data",
                Map.of("keyword", "loopback", "short_name", "loopback", "url", "http://127.0.0.1:9/?q={searchTerms}",
                        "new_tab_url", "about:blank")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 900));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile, root(deployment), kept);
    }

    public WebDriver driver() {
        return driver;
    }

    public String url(String relative) {
        return root + (relative.startsWith("/") ? relative.substring(1) : relative);
    }

    public void go(String relative) {
        driver.get(url(relative));
        waitForAjax();
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Waits until the page is loaded and no Faces/PrimeFaces ajax request is running (no sleeps). */
    public void waitForAjax() {
        waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete'"
                        + " && (typeof PrimeFaces === 'undefined' || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"
                        + " && (typeof jQuery === 'undefined' || jQuery.active === 0);")));
    }

    /**
     * Counts the PrimeFaces (and plain Faces) ajax requests of the current document: {@code sent},
     * {@code done}, and whether a response asked for a redirect. Kept on the root element with the
     * jQuery it listens on: a new document has none, and one rewritten by an {@code update="@all"}
     * response has loaded a new jQuery (the old one's listeners hear nothing more); either is
     * treated as the action's answer, and the next action installs a fresh counter.
     */
    private static final String HOOK = "var h = document.documentElement; var s = h.__kgAjax;"
            + " if (!s || s.jq !== window.jQuery) { s = h.__kgAjax = {sent: 0, done: 0, redirect: false, jq: window.jQuery};"
            + " if (window.jQuery) { jQuery(document).on('pfAjaxSend.kg', function () { s.sent++; })"
            + ".on('pfAjaxComplete.kg', function (e, xhr, settings, args) { s.done++; if (args && args.redirect) { s.redirect = true; } }); }"
            + " var f = window.faces || window.jsf; if (f && f.ajax) { f.ajax.addOnEvent(function (d) {"
            + " if (d.status === 'begin') { s.sent++; } else if (d.status === 'success') { s.done++; } });"
            + " f.ajax.addOnError(function () { s.done++; }); } }"
            + " h.__kgGuard = arguments[0]; return s.sent;";

    private static final String ANSWERED = "var h = document.documentElement; var s = h.__kgAjax; var idle = document.readyState === 'complete'"
            + " && (typeof PrimeFaces === 'undefined' || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty());"
            + " if (h.__kgGuard !== arguments[0] || s.jq !== window.jQuery) { return idle; }"
            + " return idle && s.sent > arguments[1] && s.done >= s.sent && !s.redirect;";

    private long guards;

    /**
     * Performs an action that sends an ajax request and waits for its response to have been applied
     * (in the spirit of OmniFaces' guardAjax): the document is marked and its requests counted first;
     * then it waits until a request was sent after the mark and every request sent has completed
     * with the PrimeFaces queue empty. When a response redirects, or the action replaced the
     * document, it waits for the new document to load instead. An action that sends nothing fails
     * with a timeout, so a page object cannot silently read too early.
     */
    public void guardAjax(Runnable action) {
        String token = "kg-" + (++guards);
        long before = ((Number) script(HOOK, token)).longValue();
        action.run();
        waiting().withMessage("no ajax response after the action").until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript(ANSWERED, token, before)));
    }

    /**
     * Performs an action that loads a new document (a link, a non-ajax submit, a redirect) and waits
     * until the old document is gone and the new one is loaded with no ajax running.
     */
    public void guardNavigation(Runnable action) {
        WebElement old = driver.findElement(By.tagName("html"));
        action.run();
        waiting().until(ExpectedConditions.stalenessOf(old));
        waitForAjax();
    }

    /**
     * The console messages of level SEVERE since the last call (a CSP violation is one: "Refused to
     * … because it violates the following Content Security Policy directive").
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** The browser's cookies for the deployment as a Cookie header, to fetch a download link with plain HTTP. */
    public String cookieHeader() {
        return String.join("; ", driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).toList());
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Saves a screenshot as {@code target/screenshots/<name>.png}, and as {@code docs/<name>.png}
     * when the build runs with {@code -Dkeygate.screenshots=docs} (how the README's pictures are made).
     */
    public void screenshot(String name) {
        save(name, driver.getScreenshotAs(OutputType.FILE));
    }

    /** The same, of one element only (scrolled into view first). */
    public void screenshot(String name, WebElement element) {
        script("arguments[0].scrollIntoView({block: 'start'});", element);
        save(name, element.getScreenshotAs(OutputType.FILE));
    }

    private static void save(String name, File shot) {
        try {
            Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
            Files.createDirectories(dir);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if ("docs".equals(System.getProperty("keygate.screenshots"))) {
                Path docs = Path.of(System.getProperty("basedir", "."), "docs");
                Files.createDirectories(docs);
                Files.copy(shot.toPath(), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser, or, for the class's one browser, clears it for the next test. */
    @Override
    public void close() {
        if (kept) {
            clear();
        } else {
            quit();
        }
    }

    /** Every cookie of every site gone (the pages keep nothing else), the console read away, an empty page. */
    private void clear() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER);
    }

    private void quit() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
