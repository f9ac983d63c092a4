package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code /admin/keys/detail.xhtml?id=…}: settings form, rotation and deactivation. */
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

    public String rotationPanel() {
        return browser.driver().findElement(By.id("rotation")).getText();
    }

    public void finishRotation() {
        click(browser.driver().findElement(By.id("keyActions:finishRotation")));
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
