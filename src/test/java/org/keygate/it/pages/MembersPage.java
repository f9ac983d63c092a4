package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /admin/members/list.xhtml}: members, their roles (and the keys leaving a team deactivates) and the offboarding confirmation. */
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
        WebElement row = row(username);
        click(row.findElement(By.cssSelector("button[id$=':offboard']")));
        waitVisible(By.id("offboardForm:confirmOffboard"));
        return browser.driver().findElement(By.id("offboardForm")).getText();
    }

    /** Opens the role editor of the member's row. */
    public void openRoles(String username) {
        click(row(username).findElement(By.cssSelector("button[id$=':roles']")));
        waitVisible(By.id("rolesForm:saveRoles"));
    }

    /** Sets the member's role in the team named {@code teamName} ("—", "Member" or "Team admin"); nothing is sent yet. */
    public void teamRole(String teamName, String label) {
        WebElement select = browser.driver().findElement(By.xpath("//form[@id='rolesForm']//tr[td/span[text()='"
                + teamName + "'] or td[text()='" + teamName + "']]//select"));
        new org.openqa.selenium.support.ui.Select(select).selectByVisibleText(label);
    }

    /** Clicks "Save roles"; returns the dialog's text afterwards (the keys that would be deactivated, if any). */
    public String saveRoles() {
        click(browser.driver().findElement(By.id("rolesForm:saveRoles")));
        return browser.driver().findElement(By.id("rolesForm")).getText();
    }

    public void confirmRoles() {
        click(browser.driver().findElement(By.id("rolesForm:confirmRoles")));
    }

    private WebElement row(String username) {
        return browser.driver().findElement(By.xpath(
                "//tr[td/span[contains(@class,'kg-username-cell') and text()='" + username + "']]"));
    }

    public void confirmOffboard(String reason) {
        type(browser.driver().findElement(By.id("offboardForm:reason")), reason);
        click(browser.driver().findElement(By.id("offboardForm:confirmOffboard")));
    }

    public String tableText() {
        return browser.driver().findElement(By.id("membersForm:members")).getText();
    }
}
