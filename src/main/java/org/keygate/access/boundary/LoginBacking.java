package org.keygate.access.boundary;

import java.io.IOException;
import java.util.Arrays;

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
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Authentication.Outcome outcome;
        try {
            outcome = authentication.login(username, secret, request);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (!outcome.authenticated()) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, outcome.problem(), null));
            context.validationFailed();
            return;
        }
        authentication.startSession(request, outcome.principal().get(), null);
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
