package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;

/** What every admin page has: the top bar with navigation, the user and logout. */
public class Layout {

    protected final Browser browser;

    @FindBy(id = "currentUser")
    WebElement currentUser;

    @FindBy(css = ".kg-nav a")
    List<WebElement> navigation;

    @FindBy(css = ".kg-title h1")
    WebElement title;

    public Layout(Browser browser) {
        this.browser = browser;
        PageFactory.initElements(browser.driver(), this);
    }

    public String user() {
        return currentUser.getText();
    }

    public String title() {
        return title.getText();
    }

    public List<String> menu() {
        return navigation.stream().map(WebElement::getText).toList();
    }

    public void logOut() {
        browser.driver().findElement(By.id("logoutForm:logout")).click();
        browser.waitForAjax();
    }

    /** Global messages of the page (the PrimeFaces messages components). */
    public String messages() {
        return String.join("\n", browser.driver().findElements(By.cssSelector(".ui-messages")).stream()
                .map(WebElement::getText).toList());
    }

    /** Clicks a PrimeFaces button and waits for its ajax round trip. */
    protected void click(WebElement element) {
        element.click();
        browser.waitForAjax();
    }

    protected void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /** Picks an option of a PrimeFaces selectOneMenu by its visible label. */
    protected void choose(String menuId, String label) {
        browser.driver().findElement(By.id(menuId)).click();
        browser.waiting().until(d -> d.findElement(By.id(menuId + "_panel")).isDisplayed());
        browser.driver().findElement(By.cssSelector("#" + menuId.replace(":", "\\:") + "_panel li[data-label='"
                + label.replace("'", "\\'") + "']")).click();
        browser.waitForAjax();
    }

    /** Answers "Yes" in the global confirm dialog. */
    protected void confirm() {
        By yes = By.cssSelector(".ui-confirmdialog-yes");
        browser.waiting().until(d -> d.findElement(yes).isDisplayed());
        click(browser.driver().findElement(yes));
    }

    protected void waitVisible(By by) {
        browser.waiting().until(d -> d.findElement(by).isDisplayed());
    }
}
