package org.keygate.platform.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates every management API call. In {@code local} mode (SPEC §7) that is HTTP Basic
 * against the local users; on success the {@link Caller} of this request is filled in, otherwise
 * the call ends here with 401 and a problem+json body.
 */
@WebFilter(filterName = "ApiAuthFilter", urlPatterns = "/api/*")
public class ApiAuthFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ApiAuthFilter.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @Inject
    @ConfigProperty(name = "keygate.auth.mode", defaultValue = "local")
    String mode;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"local".equals(mode)) {
            LOG.severe(() -> "keygate.auth.mode=" + mode + " is not supported by this version; refusing API calls");
            Problems.write(response, 401, "unauthenticated", "authentication mode '" + mode + "' is not available");
            return;
        }
        Optional<Accounts.Principal> principal = basic(request.getHeader("Authorization"));
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Keygate\", charset=\"UTF-8\"");
            Problems.write(response, 401, "unauthenticated", "valid credentials are required (HTTP Basic)");
            return;
        }
        Accounts.Principal p = principal.get();
        caller.authenticate(p.memberId(), p.username(), p.orgRole(), p.teamRoles(), request.getRemoteAddr());
        chain.doFilter(request, response);
    }

    private Optional<Accounts.Principal> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        try {
            return accounts.authenticate(decoded.substring(0, colon), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
