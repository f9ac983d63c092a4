package org.keygate.access.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.keygate.platform.boundary.Problems;

/**
 * Authenticates every management API call through {@link Authentication} (HTTP Basic, trusted SSO
 * headers or a bearer access token, by mode). On success the {@link Caller} of this request is
 * filled in; otherwise the call ends here with 401, the matching challenge and a problem+json body.
 * The API never accepts the pages' session cookie, so a page session cannot be ridden cross-site.
 */
public class ApiAuthFilter extends HttpFilter {

    @Inject
    Authentication authentication;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Authentication.Outcome outcome = authentication.api(request);
        if (!outcome.authenticated()) {
            switch (authentication.mode()) {
                case LOCAL -> response.setHeader("WWW-Authenticate", "Basic realm=\"Keygate\", charset=\"UTF-8\"");
                case OIDC -> response.setHeader("WWW-Authenticate", "Bearer realm=\"Keygate\"");
                case HEADER -> { }
            }
            Problems.write(response, 401, "unauthenticated", outcome.problem());
            return;
        }
        chain.doFilter(request, response);
    }
}
