package org.keygate.platform.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.platform.control.ExternalRoot;

/**
 * The absolute address of Keygate as the browser sees it, for the links Keygate hands to someone
 * else (the identity provider's {@code post_logout_redirect_uri}, the login's canonical address):
 * {@code keygate.public-url} when it is configured; else what a trusted reverse proxy
 * ({@code keygate.trusted-proxies}) reports in {@code Forwarded} or {@code X-Forwarded-Proto/-Host/-Port}
 * ({@link ExternalRoot}); else the request's own scheme, host and port. Forwarded headers from any
 * other peer are never believed: anyone can send them.
 */
@ApplicationScoped
public class ExternalUrls {

    @Inject
    @ConfigProperty(name = "keygate.public-url")
    Optional<String> publicUrl;

    @Inject
    ClientAddresses addresses;

    /** Keygate's root with a trailing slash, e.g. {@code https://keygate.example.com/}. */
    public String root(HttpServletRequest request) {
        return configured().orElseGet(() -> ExternalRoot.of(seen(request)));
    }

    /** {@code keygate.public-url} with a trailing slash, when it is set. */
    public Optional<String> configured() {
        return publicUrl.map(String::strip).filter(u -> !u.isEmpty()).map(u -> u.endsWith("/") ? u : u + "/");
    }

    /** What the browser used, ignoring {@code keygate.public-url}: the trusted proxy's report or the request itself. */
    public String browserRoot(HttpServletRequest request) {
        return ExternalRoot.of(seen(request));
    }

    /** The root as this server received the request, whatever any proxy says. */
    public String serverRoot(HttpServletRequest request) {
        return ExternalRoot.direct(seen(request));
    }

    /** Why an OpenID Connect login cannot start from this request ({@link ExternalRoot#loginProblem}), or null. */
    public String loginProblem(HttpServletRequest request) {
        ExternalRoot.Seen seen = seen(request);
        return ExternalRoot.loginProblem(ExternalRoot.direct(seen), ExternalRoot.of(seen), configured().orElse(null));
    }

    /** An absolute URL of a path inside the application ({@code login.xhtml?loggedOut=true}). */
    public String of(HttpServletRequest request, String path) {
        return root(request) + (path.startsWith("/") ? path.substring(1) : path);
    }

    private ExternalRoot.Seen seen(HttpServletRequest request) {
        if (!addresses.fromTrustedProxy(request)) {
            return ExternalRoot.Seen.direct(request.getScheme(), request.getServerName(), request.getServerPort(),
                    request.getContextPath());
        }
        return new ExternalRoot.Seen(request.getScheme(), request.getServerName(), request.getServerPort(),
                request.getContextPath(), request.getHeader("Forwarded"), request.getHeader("X-Forwarded-Proto"),
                request.getHeader("X-Forwarded-Host"), request.getHeader("X-Forwarded-Port"));
    }
}
