package org.keygate.platform.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The absolute address of Keygate as the browser sees it, for the links Keygate hands to someone
 * else (the identity provider's {@code post_logout_redirect_uri}): {@code keygate.public-url} when it
 * is configured, else the request's own scheme, host and port. A link built from what the request
 * says is only as good as the request, which is why the public URL wins.
 */
@ApplicationScoped
public class ExternalUrls {

    @Inject
    @ConfigProperty(name = "keygate.public-url")
    Optional<String> publicUrl;

    /** Keygate's root with a trailing slash, e.g. {@code https://keygate.example.com/}. */
    public String root(HttpServletRequest request) {
        Optional<String> configured = publicUrl.map(String::strip).filter(u -> !u.isEmpty());
        if (configured.isPresent()) {
            String url = configured.get();
            return url.endsWith("/") ? url : url + "/";
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host(request.getServerName()) + (defaultPort ? "" : ":" + port)
                + request.getContextPath() + "/";
    }

    /** An absolute URL of a path inside the application ({@code login.xhtml?loggedOut=true}). */
    public String of(HttpServletRequest request, String path) {
        return root(request) + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static String host(String name) {
        return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
    }
}
