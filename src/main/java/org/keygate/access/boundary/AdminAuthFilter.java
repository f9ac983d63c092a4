package org.keygate.access.boundary;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.boundary.PageRedirect;

/**
 * Guards the admin pages ({@code /admin/*}) the way {@link ApiAuthFilter} guards the API: the
 * {@link Authentication} seam fills the {@link Caller} on every request, so the services apply the
 * same rules to a click as to an API call. Without a login the browser goes to the login page
 * ({@code local}), to the identity provider ({@code oidc}, through Jakarta Security), or gets 401
 * ({@code header}: only the SSO proxy can log a person in).
 */
public class AdminAuthFilter extends HttpFilter {

    @Inject
    Authentication authentication;

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

    /** Where to come back to after login: this path and query, within the application. */
    private static String original(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null || "POST".equals(request.getMethod()) ? path
                : path + "?" + request.getQueryString();
    }
}
