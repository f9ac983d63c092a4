package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /admin/alerts/list.xhtml}: the lazy alerts table with its filters and acknowledge buttons. */
public class AlertsPage extends Layout {

    public AlertsPage(Browser browser) {
        super(browser);
    }

    public static AlertsPage open(Browser browser) {
        browser.go("admin/alerts/list.xhtml");
        return new AlertsPage(browser);
    }

    /** Status filter by label: "Open", "Acknowledged", "Any status". */
    public void status(String label) {
        choose("alertsForm:state", label);
    }

    public void detector(String name) {
        choose("alertsForm:detector", name);
    }

    public void team(String name) {
        choose("alertsForm:team", name);
    }

    /** The alert ids of the rows shown, read from the rows' links to the alert pages. */
    public List<String> alertIds() {
        return browser.driver().findElements(By.cssSelector("#alertsForm\\:alerts a.kg-alert-link")).stream()
                .map(a -> a.getAttribute("href").replaceAll(".*[?&]id=([^&]+).*", "$1")).toList();
    }

    public String row(String alertId) {
        return row(rowOf(alertId)).getText();
    }

    public boolean canAcknowledge(String alertId) {
        return !row(rowOf(alertId)).findElements(By.cssSelector(".kg-ack")).isEmpty();
    }

    public void acknowledge(String alertId) {
        click(row(rowOf(alertId)).findElement(By.cssSelector(".kg-ack")));
    }

    /** Follows the row's link to the alert's page. */
    public AlertPage openAlert(String alertId) {
        follow(row(rowOf(alertId)).findElement(By.cssSelector("a.kg-alert-link")));
        return new AlertPage(browser);
    }

    private static By rowOf(String alertId) {
        return By.xpath(".//tr[.//a[contains(@class,'kg-alert-link') and contains(@href,'id=" + alertId + "')]]");
    }

    private WebElement row(By by) {
        return browser.driver().findElement(By.id("alertsForm:alerts")).findElement(by);
    }
}
