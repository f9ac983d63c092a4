package org.keygate.platform.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keygate's root address as the browser sees it, from what a request says: its own scheme, host and
 * port, or what a reverse proxy in front of it reports — RFC 7239 {@code Forwarded} ({@code proto=},
 * {@code host=} of its first element, the proxy nearest the browser) or else the de-facto
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} (first value
 * each). The caller passes forwarded values only for a request from a trusted proxy; a value that is
 * not a plain scheme, host or port is ignored rather than believed.
 */
public final class ExternalRoot {

    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9-]{1,63})*|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private ExternalRoot() {
    }

    /** What a request carries: its own view and the proxy's headers (null when absent or not trusted). */
    public record Seen(String scheme, String serverName, int serverPort, String contextPath, String forwarded,
            String forwardedProto, String forwardedHost, String forwardedPort) {

        /** A request's own view only (from an untrusted peer, or with no proxy). */
        public static Seen direct(String scheme, String serverName, int serverPort, String contextPath) {
            return new Seen(scheme, serverName, serverPort, contextPath, null, null, null, null);
        }
    }

    /** The request's own root: scheme, host and port as the server received them, with a trailing slash. */
    public static String direct(Seen seen) {
        return root(seen.scheme(), host(seen.serverName()), seen.serverPort(), seen.contextPath());
    }

    /** The root the browser used: the proxy's report where it gave a usable one, else {@link #direct}. */
    public static String of(Seen seen) {
        String proto = null;
        String host = null;
        if (seen.forwarded() != null) {
            String first = seen.forwarded().split(",", 2)[0];
            for (String pair : first.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).strip());
                    if ("proto".equals(name)) {
                        proto = value;
                    } else if ("host".equals(name)) {
                        host = value;
                    }
                }
            }
        }
        if (proto == null && seen.forwardedProto() != null) {
            proto = firstValue(seen.forwardedProto());
        }
        if (host == null && seen.forwardedHost() != null) {
            host = firstValue(seen.forwardedHost());
            String port = seen.forwardedPort() == null ? null : firstValue(seen.forwardedPort());
            if (host != null && port != null && PORT.matcher(port).matches() && !hasPort(host)) {
                host = host + ":" + port;
            }
        }
        String scheme = proto == null ? seen.scheme() : proto.toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            scheme = seen.scheme();
        }
        if (host != null && HOST.matcher(host).matches()) {
            return scheme + "://" + withoutDefaultPort(scheme, host) + path(seen.contextPath());
        }
        // no usable host: the server's own (the proxy kept the Host header), with the proxy's scheme if it gave one
        return root(scheme, host(seen.serverName()), seen.serverPort(), seen.contextPath());
    }

    /**
     * Why a login through the server's OpenID Connect mechanism cannot work from here, or null. The
     * mechanism builds its {@code redirect_uri} from the server's own view of the request and later
     * checks the callback against it, so that view must be the address the browser uses, which must
     * be the public address when one is configured.
     *
     * @param server the server's view ({@link #direct}); {@code browser} what the browser used
     *        ({@link #of}); {@code configured} {@code keygate.public-url} or null
     */
    public static String loginProblem(String server, String browser, String configured) {
        if (configured != null && !configured.equalsIgnoreCase(browser)) {
            return "Keygate's sign-in is registered at the identity provider for " + configured + " (keygate.public-url), "
                    + "but this page was opened at " + browser + ". Open " + configured + " instead.";
        }
        if (!server.equalsIgnoreCase(browser)) {
            return "The browser uses " + browser + " but this server sees the request as " + server + ", so the identity "
                    + "provider would send it back to the wrong address. Have the server take the proxy's scheme and host "
                    + "(WildFly: proxy-address-forwarding on the HTTP listener; Payara: the listener's scheme-mapping "
                    + "X-Forwarded-Proto, and the proxy keeps the Host header), as docs/production.md describes.";
        }
        return null;
    }

    private static String root(String scheme, String host, int port, String contextPath) {
        boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path(contextPath);
    }

    private static String withoutDefaultPort(String scheme, String host) {
        if (("https".equals(scheme) && host.endsWith(":443")) || ("http".equals(scheme) && host.endsWith(":80"))) {
            return host.substring(0, host.lastIndexOf(':'));
        }
        return host;
    }

    private static String path(String contextPath) {
        return (contextPath == null ? "" : contextPath) + "/";
    }

    private static String host(String name) {
        return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
    }

    private static boolean hasPort(String host) {
        int bracket = host.lastIndexOf(']');
        return host.indexOf(':', bracket + 1) >= 0;
    }

    private static String firstValue(String header) {
        String first = header.split(",", 2)[0].strip();
        return first.isEmpty() ? null : first;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
