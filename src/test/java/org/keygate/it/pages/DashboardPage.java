package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /admin/index.xhtml}: today's usage figures and the top keys (the alerts section is not read here). */
public class DashboardPage extends Layout {

    public DashboardPage(Browser browser) {
        super(browser);
    }

    public static DashboardPage open(Browser browser) {
        browser.go("admin/index.xhtml");
        return new DashboardPage(browser);
    }

    public long callsToday() {
        return Long.parseLong(browser.driver().findElement(By.id("statCallsToday")).getText().strip());
    }

    public String spendToday() {
        return browser.driver().findElement(By.id("statSpendToday")).getText().strip();
    }

    /** The rows of "Top keys by spend today": key, team, calls, spend. */
    public List<String> topKeys() {
        return browser.driver().findElements(By.cssSelector("[id='topKeys_data'] > tr")).stream()
                .filter(r -> !r.getAttribute("class").contains("ui-datatable-empty-message")).map(WebElement::getText)
                .toList();
    }

    public void openTopKey(String name) {
        follow(browser.driver().findElement(By.linkText(name)));
    }
}
