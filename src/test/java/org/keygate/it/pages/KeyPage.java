package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;

/** {@code /admin/keys/detail.xhtml?id=…}: settings form, usage section, rotation and deactivation. */
public class KeyPage extends Layout {

    @FindBy(id = "settings:ipWhitelist")
    WebElement ipWhitelist;

    @FindBy(id = "settings:rpmLimit")
    WebElement rpmLimit;

    @FindBy(id = "settings:save")
    WebElement save;

    @FindBy(id = "status")
    WebElement status;

    public KeyPage(Browser browser) {
        super(browser);
    }

    public static KeyPage open(Browser browser, String keyId) {
        browser.go("admin/keys/detail.xhtml?id=" + keyId);
        return new KeyPage(browser);
    }

    public void setLimits(String whitelist, String rpm) {
        type(ipWhitelist, whitelist);
        type(rpmLimit, rpm);
        click(save);
    }

    public String fieldMessage(String inputId) {
        return (String) browser.script(
                "var input = document.getElementById(arguments[0]);"
                        + "var box = input.closest('.kg-field'); var m = box && box.querySelector('.ui-message');"
                        + "return m ? m.textContent : '';", inputId);
    }

    public boolean isInvalid(String inputId) {
        return browser.driver().findElement(By.id(inputId)).getAttribute("class").contains("ui-state-error");
    }

    public String ipWhitelistValue() {
        return ipWhitelist.getAttribute("value");
    }

    public String status() {
        return status.getText();
    }

    /** Rotates with the default grace period; returns the new plaintext shown once. */
    public String rotate() {
        click(browser.driver().findElement(By.id("keyActions:rotate")));
        waitVisible(By.id("rotateForm:confirmRotate"));
        click(browser.driver().findElement(By.id("rotateForm:confirmRotate")));
        By secret = By.id("newKey");
        browser.waiting().until(d -> d.findElement(secret).isDisplayed());
        String key = browser.driver().findElement(secret).getText().strip();
        click(browser.driver().findElement(By.id("rotateForm:rotatedDone")));
        return key;
    }

    /** "Rotate and deactivate old now", confirmed; returns the new plaintext shown once. */
    public String rotateNow() {
        press(browser.driver().findElement(By.id("keyActions:rotateNow")));
        confirm();
        By secret = By.id("newKey");
        browser.waiting().until(d -> d.findElement(secret).isDisplayed());
        String key = browser.driver().findElement(secret).getText().strip();
        rotateDialogText = browser.driver().findElement(By.id("rotateForm")).getText();
        click(browser.driver().findElement(By.id("rotateForm:rotatedDone")));
        return key;
    }

    private String rotateDialogText;

    /** What the rotate dialog said while it showed the key (after {@link #rotateNow}). */
    public String rotateDialogText() {
        return rotateDialogText;
    }

    // ----- usage section -----

    public WebElement usageSection() {
        return browser.driver().findElement(By.id("usageForm"));
    }

    /**
     * Reloads the page until the recent-calls table has {@code n} rows and the chart counts {@code n}
     * calls (the writer batches every second; a page rendered while a batch commits may show the
     * records but not yet the chart, which is read first).
     */
    public void waitForCalls(int n) {
        browser.waiting().until(d -> {
            if (callRows().size() >= n && chartTotals().startsWith(n + " calls")) {
                return true;
            }
            d.navigate().refresh();
            browser.waitForAjax();
            return callRows().size() >= n && chartTotals().startsWith(n + " calls");
        });
        PageFactory.initElements(browser.driver(), this);
    }

    /** The recent-calls rows' text, newest first. */
    public List<String> callRows() {
        return browser.driver().findElements(By.cssSelector("[id='usageForm:calls_data'] > tr")).stream()
                .filter(r -> !r.getAttribute("class").contains("ui-datatable-empty-message")).map(WebElement::getText)
                .toList();
    }

    public String chartTotals() {
        return browser.driver().findElement(By.id("usageForm:chartTotals")).getText();
    }

    /** Whether Chart.js drew the usage chart: the widget holds a chart on a canvas with a size. */
    public boolean chartRendered() {
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.script(
                "var w = PrimeFaces.widgets['usageChart']; return !!(w && w.chart);")));
        return Boolean.TRUE.equals(browser.script("var c = document.querySelector(\"[id='usageForm:usageChart'] canvas\");"
                + " return !!c && c.width > 0 && c.height > 0;"));
    }

    public void showDays() {
        click(browser.driver().findElement(By.xpath("//*[@id='usageForm:granularity']//*[text()='Last 30 days']")));
    }

    /** Sets the recent-calls window (yyyy-MM-dd HH:mm, UTC; null leaves a bound open) and applies it. */
    public void showWindow(String from, String to) {
        setDate("callsFrom", from);
        setDate("callsTo", to);
        click(browser.driver().findElement(By.id("usageForm:filterCalls")));
    }

    /**
     * Sets a date picker through its widget, as picking a day and time in its calendar does (typing
     * opens the calendar, which then covers the buttons below it).
     */
    private void setDate(String widgetVar, String value) {
        browser.script("var w = PF(arguments[0]); if (arguments[1]) { w.setDate(new Date(arguments[1])); }"
                + " else { w.jq.val(''); }", widgetVar, value == null ? null : value.replace(' ', 'T'));
    }

    /** The absolute URL of the "Download CSV" link as it stands. */
    public String csvHref() {
        return browser.driver().findElement(By.id("usageForm:csvLink")).getAttribute("href");
    }

    public String rotationPanel() {
        return browser.driver().findElement(By.id("rotation")).getText();
    }

    public void finishRotation() {
        press(browser.driver().findElement(By.id("keyActions:finishRotation")));
        confirm();
    }

    public void openDeactivate() {
        click(browser.driver().findElement(By.id("keyActions:deactivate")));
        waitVisible(By.id("deactivateForm:reason"));
    }

    public void confirmDeactivate(String reason) {
        type(browser.driver().findElement(By.id("deactivateForm:reason")), reason);
        click(browser.driver().findElement(By.id("deactivateForm:confirmDeactivate")));
    }

    public String summary() {
        return browser.driver().findElement(By.id("summary")).getText();
    }

    public boolean hasButton(String id) {
        return !browser.driver().findElements(By.id(id)).isEmpty();
    }
}
