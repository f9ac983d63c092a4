package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /admin/audit/list.xhtml}: the filters, the entries and the CSV export of the filter. */
public class AuditPage extends Layout {

    public AuditPage(Browser browser) {
        super(browser);
    }

    public static AuditPage open(Browser browser) {
        browser.go("admin/audit/list.xhtml");
        return new AuditPage(browser);
    }

    public void filterTargetId(String targetId) {
        WebElement input = browser.driver().findElement(By.id("auditForm:targetId"));
        type(input, targetId);
        click(browser.driver().findElement(By.id("auditForm:filter")));
    }

    public String entries() {
        return browser.driver().findElement(By.id("auditForm:entries")).getText();
    }

    public String exportHref() {
        return browser.driver().findElement(By.id("auditForm:exportLink")).getAttribute("href");
    }
}
