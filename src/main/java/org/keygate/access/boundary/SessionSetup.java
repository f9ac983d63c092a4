package org.keygate.access.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie of the admin pages, set from configuration at start-up (docs/authentication.md): HttpOnly,
 * SameSite, Secure behind HTTPS, and the idle timeout. SameSite is {@code Strict} except in
 * {@code oidc} mode, where it must be {@code Lax}: the IdP's redirect back to the callback is a
 * cross-site navigation, and a Strict cookie would not come along with it. Cross-site POSTs are
 * refused either way (Lax cookies are not sent with them, and Faces view state is a per-session
 * random token).
 */
@WebListener
public class SessionSetup implements ServletContextListener {

    static final String COOKIE = "KEYGATE_SESSION";

    @Inject
    AuthSettings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setName(COOKIE);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.secureCookie());
        String sameSite = settings.mode() == AuthMode.OIDC ? "Lax" : "Strict";
        cookie.setAttribute("SameSite", sameSite);
        payaraSameSite(cookie, sameSite);
        event.getServletContext().setSessionTimeout(settings.idleTimeoutMinutes());
    }

    /**
     * Payara 6 ignores the Servlet 6 cookie attribute for its session cookie and reads SameSite from
     * its own cookie config ({@code setSameSite}, the API behind glassfish-web.xml's
     * {@code cookieSameSite}); other servers have no such method and need nothing more.
     */
    private static void payaraSameSite(SessionCookieConfig cookie, String value) {
        try {
            cookie.getClass().getMethod("setSameSite", String.class).invoke(cookie, value);
        } catch (ReflectiveOperationException | RuntimeException notPayara) {
            // the standard attribute above is all this server needs
        }
    }
}
