package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard's "Open alerts" section ({@code /admin/index.xhtml}) and the navigation's alert count. */
public class OpenAlertsPanel extends Layout {

    public OpenAlertsPanel(Browser browser) {
        super(browser);
    }

    public static OpenAlertsPanel open(Browser browser) {
        browser.go("admin/index.xhtml");
        return new OpenAlertsPanel(browser);
    }

    /** The count shown in the panel's heading. */
    public long count() {
        return Long.parseLong(browser.driver().findElement(By.id("alertsForm:openAlertCount")).getText().strip());
    }

    /** The count beside "Alerts" in the navigation, 0 when none is shown. */
    public long navigationCount() {
        var badge = browser.driver().findElements(By.id("navAlertCount"));
        return badge.isEmpty() ? 0 : Long.parseLong(badge.get(0).getText().strip());
    }

    public String text() {
        return browser.driver().findElement(By.id("alertsForm")).getText();
    }

    /** Follows the link of the open alert whose summary contains the text. */
    public AlertPage openAlert(String summaryContains) {
        WebElement link = browser.driver().findElements(By.cssSelector("#alertsForm a.kg-alert-link")).stream()
                .filter(a -> a.getText().contains(summaryContains)).findFirst()
                .orElseThrow(() -> new AssertionError("no open alert says " + summaryContains + ": " + text()));
        follow(link);
        return new AlertPage(browser);
    }
}
