package org.keygate.platform.boundary;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Security headers on every response. Pages get their Content-Security-Policy from PrimeFaces
 * ({@code primefaces.CSP} in web.xml: a per-response script nonce plus the policy configured there,
 * which includes {@code frame-ancestors 'none'}); everything else that is not a page gets a policy
 * that allows nothing. Admin pages are never cached: they show one-time keys and balances.
 */
public class SecurityHeadersFilter extends HttpFilter {

    static final String NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = path.endsWith(".xhtml") || path.startsWith("/admin") || path.isEmpty() || "/".equals(path)
                || path.startsWith("/jakarta.faces.resource/");
        if (!page) {
            response.setHeader("Content-Security-Policy", NON_PAGE_CSP);
        }
        if (path.startsWith("/admin") || path.endsWith(".xhtml")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
