package org.keygate.platform.boundary;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /login.xhtml}: the {@code local} form login. A failed attempt says only that the name or
 * password is wrong (never which); a successful one gets a new session id (against session
 * fixation) and returns to the page that asked for the login, if that is an admin page.
 */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    Authentication authentication;

    private String username;
    private String password;
    private String from;

    public boolean isLocal() {
        return authentication.mode() == AuthMode.LOCAL;
    }

    public String getSsoMode() {
        return authentication.mode() == AuthMode.OIDC ? "your identity provider" : "your SSO proxy";
    }

    public void login() throws IOException {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        char[] secret = password == null ? new char[0] : password.toCharArray();
        password = null;
        Optional<Accounts.Principal> principal;
        try {
            principal = authentication.login(username, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (principal.isEmpty()) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong user name or password, or the account is not active.", null));
            context.validationFailed();
            return;
        }
        authentication.startSession((HttpServletRequest) external.getRequest(), principal.get(), null);
        String target = from != null && from.startsWith("/admin/") && !from.contains("//") && !from.contains("\\")
                ? from : "/admin/index.xhtml";
        external.redirect(external.getRequestContextPath() + target);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }
}
