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
            case LOCAL -> redirect(request, response, request.getContextPath() + "/login.xhtml?from="
                    + URLEncoder.encode(original(request), StandardCharsets.UTF_8));
            case OIDC -> {
                if (isAjax(request)) {
                    redirect(request, response, request.getContextPath() + "/admin/index.xhtml");
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

    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    /** A redirect that also works for a Faces ajax request (a partial-response redirect). */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        if (isAjax(request)) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + url.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\"/></partial-response>");
        } else {
            response.sendRedirect(url);
        }
    }
}
