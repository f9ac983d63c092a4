package org.keygate.platform.boundary;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page URL whose query holds a control character ({@code ?id=%00}) or a broken percent-escape is
 * answered 400 before any page reads it: PostgreSQL refuses a NUL in a query parameter, and the
 * failed statement would turn the page into a 500. Form bodies are not looked at (a text area may
 * hold a line break). {@link MalformedRequestFilter} does the same for the API.
 */
public class PageUrlFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        if (query != null && !acceptable(query)) {
            response.sendError(400);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean acceptable(String query) {
        try {
            return !MalformedRequestFilter.hasControl(URLDecoder.decode(query, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException brokenEscape) {
            return false;
        }
    }
}
