package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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

    /** Logs out (a plain form submit that redirects to the login page) and waits for that page. */
    public void logOut() {
        follow(browser.driver().findElement(By.id("logoutForm:logout")));
    }

    /** Global messages of the page (the PrimeFaces messages components). */
    public String messages() {
        return String.join("\n", browser.driver().findElements(By.cssSelector(".ui-messages")).stream()
                .map(WebElement::getText).toList());
    }

    /** Clicks a PrimeFaces button and waits for the response of the ajax request it sends. */
    protected void click(WebElement element) {
        browser.guardAjax(element::click);
    }

    /** Clicks something that sends no request (a button that only opens a confirm dialog). */
    protected void press(WebElement element) {
        element.click();
    }

    /** Follows a link (or submits without ajax) and waits for the new page. */
    protected void follow(WebElement element) {
        browser.guardNavigation(element::click);
    }

    protected void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Picks an option of a PrimeFaces selectOneMenu whose change sends an ajax request ({@code p:ajax}),
     * and waits for that response.
     */
    protected void choose(String menuId, String label) {
        openMenu(menuId);
        browser.guardAjax(() -> option(menuId, label).click());
        waitChosen(menuId, label);
    }

    /** Picks an option of a selectOneMenu that sends nothing on change (the value goes with the form). */
    protected void selectOption(String menuId, String label) {
        openMenu(menuId);
        option(menuId, label).click();
        waitChosen(menuId, label);
    }

    /**
     * Opens the menu's panel and waits until it has finished opening: the items move while the panel
     * grows in, and the widget binds its panel events only at the end (it then marks the menu expanded).
     */
    private void openMenu(String menuId) {
        browser.driver().findElement(By.id(menuId)).click();
        browser.waiting().until(d -> d.findElement(By.id(menuId + "_panel")).isDisplayed() && "true".equals(
                label(d, menuId).getAttribute("aria-expanded")));
    }

    private static WebElement label(WebDriver driver, String menuId) {
        return driver.findElement(By.id(menuId)).findElement(By.cssSelector(".ui-selectonemenu-label"));
    }

    private WebElement option(String menuId, String label) {
        return browser.driver().findElement(By.cssSelector("#" + menuId.replace(":", "\\:") + "_panel li[data-label='"
                + label.replace("'", "\\'") + "']"));
    }

    /** The menu shows the label and its panel has closed (so it covers nothing the next step clicks). */
    private void waitChosen(String menuId, String label) {
        browser.waiting().until(d -> label.equals(label(d, menuId).getText().strip())
                && !d.findElement(By.id(menuId + "_panel")).isDisplayed());
    }

    /** Answers "Yes" in the global confirm dialog and waits for the response of the request it sends. */
    protected void confirm() {
        By yes = By.cssSelector(".ui-confirmdialog-yes");
        browser.waiting().until(d -> d.findElement(yes).isDisplayed());
        click(browser.driver().findElement(yes));
    }

    protected void waitVisible(By by) {
        browser.waiting().until(d -> d.findElement(by).isDisplayed());
    }
}
