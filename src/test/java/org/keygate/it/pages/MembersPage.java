package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /admin/members/list.xhtml}: members and the offboarding confirmation. */
public class MembersPage extends Layout {

    public MembersPage(Browser browser) {
        super(browser);
    }

    public static MembersPage open(Browser browser) {
        browser.go("admin/members/list.xhtml");
        return new MembersPage(browser);
    }

    /** Opens the offboarding dialog of the member's row; returns the dialog's text. */
    public String openOffboard(String username) {
        WebElement row = browser.driver().findElement(By.xpath(
                "//tr[td/span[contains(@class,'kg-username-cell') and text()='" + username + "']]"));
        click(row.findElement(By.cssSelector("button[id$=':offboard']")));
        waitVisible(By.id("offboardForm:confirmOffboard"));
        return browser.driver().findElement(By.id("offboardForm")).getText();
    }

    public void confirmOffboard(String reason) {
        type(browser.driver().findElement(By.id("offboardForm:reason")), reason);
        click(browser.driver().findElement(By.id("offboardForm:confirmOffboard")));
    }

    public String tableText() {
        return browser.driver().findElement(By.id("membersForm:members")).getText();
    }
}
