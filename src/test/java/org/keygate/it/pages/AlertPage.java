package org.keygate.it.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code /admin/alerts/detail.xhtml?id=…}: the alert, its evidence and key, and "Deactivate key". */
public class AlertPage extends Layout {

    @FindBy(id = "summary")
    WebElement summary;

    @FindBy(id = "severity")
    WebElement severity;

    @FindBy(id = "detector")
    WebElement detector;

    public AlertPage(Browser browser) {
        super(browser);
    }

    public static AlertPage open(Browser browser, String alertId) {
        browser.go("admin/alerts/detail.xhtml?id=" + alertId);
        return new AlertPage(browser);
    }

    public String summary() {
        return summary.getText();
    }

    public String severity() {
        return severity.getText();
    }

    public String detector() {
        return detector.getText();
    }

    /** The evidence table: field label → value as shown. */
    public Map<String, String> evidence() {
        Map<String, String> out = new LinkedHashMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#evidence_data tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.size() == 2) {
                out.put(cells.get(0).getText().strip(), cells.get(1).getText().strip());
            }
        }
        return out;
    }

    /** The key panel's text: name, team, status, deactivation. */
    public String keyPanel() {
        return browser.driver().findElement(By.id("alertKey")).getText();
    }

    public String keyStatus() {
        return browser.driver().findElement(By.id("keyStatus")).getText();
    }

    public String keyLink() {
        return browser.driver().findElement(By.id("keyLink")).getAttribute("href");
    }

    public boolean canDeactivate() {
        return !browser.driver().findElements(By.id("alertActions:deactivateKey")).isEmpty();
    }

    /** Opens the confirm dialog; answers the reason it proposes. */
    public String openDeactivate() {
        click(browser.driver().findElement(By.id("alertActions:deactivateKey")));
        waitVisible(By.id("deactivateForm:confirmDeactivate"));
        return browser.driver().findElement(By.id("deactivateForm:reason")).getAttribute("value");
    }

    public void confirmDeactivate() {
        click(browser.driver().findElement(By.id("deactivateForm:confirmDeactivate")));
        browser.waiting().until(d -> d.findElement(By.id("keyStatus")).getText().equals("deactivated"));
    }
}
