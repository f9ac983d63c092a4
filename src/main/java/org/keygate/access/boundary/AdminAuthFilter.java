package org.keygate.access.boundary;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.boundary.ExternalUrls;
import org.keygate.platform.boundary.PageRedirect;

/**
 * Guards the admin pages ({@code /admin/*}) the way {@link ApiAuthFilter} guards the API: the
 * {@link Authentication} seam fills the {@link Caller} on every request, so the services apply the
 * same rules to a click as to an API call. Without a login the browser goes to the login page
 * ({@code local}), to the identity provider ({@code oidc}, through Jakarta Security), or gets 401
 * ({@code header}: only the SSO proxy can log a person in).
 */
public class AdminAuthFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class.getName());

    @Inject
    Authentication authentication;

    @Inject
    ExternalUrls urls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (authentication.page(request).authenticated()) {
            chain.doFilter(request, response);
            return;
        }
        switch (authentication.mode()) {
            case LOCAL -> PageRedirect.send(request, response, request.getContextPath() + "/login.xhtml?from="
                    + URLEncoder.encode(original(request), StandardCharsets.UTF_8));
            case OIDC -> {
                if (PageRedirect.isAjax(request)) {
                    PageRedirect.send(request, response, request.getContextPath() + "/admin/index.xhtml");
                    return;
                }
                String problem = urls.loginProblem(request);
                if (problem != null) {
                    LOG.warning(() -> "OIDC login cannot start: " + problem);
                    misdirected(response, problem);
                } else {
                    // Jakarta Security's OpenID Connect mechanism answers with the redirect to the IdP;
                    // its callback (OidcLogin) starts the session and returns here.
                    request.getSession(true).setAttribute(OidcLogin.RETURN_TO, original(request));
                    request.authenticate(response);
                }
            }
            case HEADER -> response.sendError(401);
        }
    }

    /**
     * 421 Misdirected Request with the reason as a small page: better than the identity provider's
     * "invalid redirect_uri", or a callback the server cannot match, after the person signed in.
     */
    private static void misdirected(HttpServletResponse response, String problem) throws IOException {
        response.setStatus(421);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        String text = problem.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Keygate: sign-in address</title></head>"
                + "<body><h1>Sign-in is not possible at this address</h1><p id=\"problem\">" + text + "</p></body></html>");
    }

    /** Where to come back to after login: this path and query, within the application. */
    private static String original(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null || "POST".equals(request.getMethod()) ? path
                : path + "?" + request.getQueryString();
    }
}
