package org.keygate.it.pages;

import java.util.List;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code /admin/keys/list.xhtml}: the keys table and the create dialog with its one-time key. */
public class KeysPage extends Layout {

    @FindBy(id = "actionsForm:newKey")
    WebElement newKey;

    @FindBy(id = "createForm:name")
    WebElement name;

    @FindBy(id = "createForm:project")
    WebElement project;

    @FindBy(id = "createForm:create")
    WebElement create;

    @FindBy(id = "createForm:done")
    WebElement done;

    @FindBy(id = "keysForm:keys")
    WebElement table;

    public KeysPage(Browser browser) {
        super(browser);
    }

    public static KeysPage open(Browser browser) {
        browser.go("admin/keys/list.xhtml");
        return new KeysPage(browser);
    }

    /** Fills and submits the create dialog; returns the plaintext shown once. */
    public String create(String keyName, String keyProject) {
        openCreateDialog();
        type(name, keyName);
        if (keyProject != null) {
            type(project, keyProject);
        }
        click(create);
        By secret = By.id("newKey");
        browser.waiting().until(d -> d.findElement(secret).isDisplayed());
        return browser.driver().findElement(secret).getText().strip();
    }

    /** The same, in the team with this name. */
    public String createIn(String keyName, String teamName) {
        openCreateDialog();
        type(name, keyName);
        selectOption("createForm:team", teamName);
        click(create);
        By secret = By.id("newKey");
        browser.waiting().until(d -> d.findElement(secret).isDisplayed());
        return browser.driver().findElement(secret).getText().strip();
    }

    public void openCreateDialog() {
        click(newKey);
        waitVisible(By.id("createForm:name"));
    }

    public String warning() {
        return browser.driver().findElement(By.id("oneTimeWarning")).getText();
    }

    public boolean showsSecret() {
        return !browser.driver().findElements(By.id("newKey")).isEmpty();
    }

    public void closeCreated() {
        click(browser.driver().findElement(By.id("createForm:done")));
    }

    /** The key names in the table's current page. */
    public List<String> names() {
        return table.findElements(By.cssSelector("a.kg-keyname")).stream().map(WebElement::getText).toList();
    }

    public void filterProject(String text) {
        WebElement input = browser.driver().findElement(By.id("keysForm:project"));
        type(input, text);
        browser.guardAjax(() -> browser.script("arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input));
    }

    public String tableText() {
        return table.getText();
    }
}
