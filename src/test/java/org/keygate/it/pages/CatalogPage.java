package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code /admin/catalog/providers.xhtml} and {@code models.xhtml}: a table and, for ORG_ADMIN, the
 * create/edit form below it ({@code providerForm} / {@code modelForm}).
 */
public class CatalogPage extends Layout {

    private final String form;
    private final String table;

    private CatalogPage(Browser browser, String form, String table) {
        super(browser);
        this.form = form;
        this.table = table;
    }

    public static CatalogPage providers(Browser browser) {
        browser.go("admin/catalog/providers.xhtml");
        return new CatalogPage(browser, "providerForm", "providersForm:providers");
    }

    public static CatalogPage models(Browser browser) {
        browser.go("admin/catalog/models.xhtml");
        return new CatalogPage(browser, "modelForm", "modelsForm:models");
    }

    public boolean hasForm() {
        return !browser.driver().findElements(By.id(form)).isEmpty();
    }

    public CatalogPage fill(String field, String value) {
        WebElement input = browser.driver().findElement(By.id(form + ":" + field));
        type(input, value);
        return this;
    }

    public CatalogPage pick(String field, String label) {
        selectOption(form + ":" + field, label);
        return this;
    }

    /** Clicks the form's create/save button ({@code saveProvider} / {@code saveModel}). */
    public void save() {
        click(browser.driver().findElement(By.cssSelector("[id^='" + form + ":save']")));
    }

    /** Clicks "Edit" in the row that shows this text. */
    public void edit(String rowText) {
        click(browser.driver().findElement(By.xpath("//*[@id='" + table + "']//tr[.//*[text()='" + rowText
                + "']]//button[contains(@class,'kg-edit')]")));
    }

    public String fieldMessage(String field) {
        return (String) browser.script("var box = document.getElementById(arguments[0]).closest('.kg-field');"
                + " var m = box && box.querySelector('.ui-message'); return m ? m.textContent : '';", form + ":" + field);
    }

    /** The text of the table row that shows this text. */
    public String row(String rowText) {
        return browser.driver().findElement(By.xpath("//*[@id='" + table + "']//tr[.//*[text()='" + rowText + "']]"))
                .getText();
    }

    public String tableText() {
        return browser.driver().findElement(By.id(table)).getText();
    }
}
