package org.keygate.platform.boundary;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Security headers on every response. Pages get their Content-Security-Policy from PrimeFaces
 * ({@code primefaces.CSP} in web.xml: a per-response script nonce plus the policy configured there,
 * which includes {@code frame-ancestors 'none'}); everything else that is not a page gets a policy
 * that allows nothing. Admin pages are never cached: they show one-time keys and balances.
 */
public class SecurityHeadersFilter extends HttpFilter {

    static final String NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /**
     * Swagger UI at {@code /openapi/ui/}: its scripts and styles from this server only (nothing
     * inline: the page and its start script are files of the WAR), images from this server or the
     * stylesheet's data: icons, the document and "try it out" calls to this server only.
     */
    static final String API_UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        chain.doFilter(request.getDispatcherType() == DispatcherType.ERROR ? new FreshRender(request) : request, response);
    }

    /** Sets the headers of this request's kind of answer (again, after a {@code response.reset()}). */
    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = path.endsWith(".xhtml") || path.startsWith("/admin") || path.isEmpty() || "/".equals(path)
                || path.startsWith("/jakarta.faces.resource/");
        if (!page) {
            response.setHeader("Content-Security-Policy", path.startsWith("/openapi/ui/") ? API_UI_CSP : NON_PAGE_CSP);
        }
        if (path.startsWith("/admin") || path.endsWith(".xhtml")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /**
     * An error page rendered for a failed form POST must not look like a postback of the failed
     * view: Faces would try to restore it, and PrimeFaces would demand that view's script nonce.
     * Hiding the view state parameter makes the error page a fresh render with a nonce of its own.
     */
    static final class FreshRender extends HttpServletRequestWrapper {

        private static final String VIEW_STATE = "jakarta.faces.ViewState";

        FreshRender(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            return VIEW_STATE.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public String[] getParameterValues(String name) {
            return VIEW_STATE.equals(name) ? null : super.getParameterValues(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> all = new HashMap<>(super.getParameterMap());
            all.remove(VIEW_STATE);
            return Collections.unmodifiableMap(all);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
