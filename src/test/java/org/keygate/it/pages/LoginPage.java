package org.keygate.it.pages;

import org.keygate.it.Browser;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;

/** {@code /login.xhtml}. */
public class LoginPage {

    private final Browser browser;

    @FindBy(id = "login:username")
    WebElement username;

    @FindBy(id = "login:password")
    WebElement password;

    @FindBy(id = "login:submit")
    WebElement submit;

    @FindBy(id = "login:messages")
    WebElement messages;

    public LoginPage(Browser browser) {
        this.browser = browser;
        PageFactory.initElements(browser.driver(), this);
    }

    public static LoginPage open(Browser browser) {
        browser.go("login.xhtml");
        return new LoginPage(browser);
    }

    /** A new browser on the deployment, logged in through the form and landed on an admin page. */
    public static Browser loggedIn(java.net.URL deployment, String user, String secret) {
        Browser browser = Browser.open(deployment);
        open(browser).logIn(user, secret);
        if (!browser.driver().getCurrentUrl().contains("/admin/")) {
            String at = browser.driver().getCurrentUrl();
            browser.close();
            throw new AssertionError("the login of " + user + " did not land on an admin page: " + at);
        }
        return browser;
    }

    /** Submits the form (ajax) and waits for its answer, or for the page it redirects to; the caller checks where it landed. */
    public void logIn(String user, String secret) {
        username.clear();
        username.sendKeys(user);
        password.clear();
        password.sendKeys(secret);
        browser.guardAjax(submit::click);
    }

    public String messages() {
        return messages.getText();
    }
}
