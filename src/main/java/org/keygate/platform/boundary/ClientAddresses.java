package org.keygate.platform.boundary;

import java.util.Enumeration;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.platform.control.ClientIp;

/**
 * Which address a request comes from, one answer for the gateway, the management API and the pages
 * (the audit log, the login throttle, the {@code header} mode's proxy check): the socket peer,
 * unless it is one of {@code keygate.trusted-proxies}, then the right-most untrusted
 * {@code X-Forwarded-For} entry ({@link ClientIp}).
 *
 * <p>The setting was once two, {@code keygate.auth.trusted-proxies} and
 * {@code keygate.gateway.trusted-proxies}; when {@code keygate.trusted-proxies} is not set, their
 * union is used and a warning names the new property.
 */
@ApplicationScoped
public class ClientAddresses {

    static final String PROPERTY = "keygate.trusted-proxies";
    private static final Logger LOG = Logger.getLogger(ClientAddresses.class.getName());

    @Inject
    @ConfigProperty(name = PROPERTY)
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "keygate.auth.trusted-proxies")
    Optional<String> formerAuthProxies;

    @Inject
    @ConfigProperty(name = "keygate.gateway.trusted-proxies")
    Optional<String> formerGatewayProxies;

    private ClientIp resolver;

    @PostConstruct
    void init() {
        String list = trustedProxies.orElse(null);
        String name = PROPERTY;
        if (list == null && (formerAuthProxies.isPresent() || formerGatewayProxies.isPresent())) {
            list = Stream.of(formerAuthProxies, formerGatewayProxies).flatMap(Optional::stream)
                    .collect(Collectors.joining(","));
            name = "keygate.auth.trusted-proxies / keygate.gateway.trusted-proxies";
            LOG.warning(() -> "keygate.auth.trusted-proxies and keygate.gateway.trusted-proxies are now one setting, "
                    + PROPERTY + "; using the union of the old ones until it is set");
        }
        try {
            resolver = ClientIp.of(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The client's address as text (never null for a servlet request). */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        return resolver.trustsAnyProxy() ? resolver.resolve(peer, forwardedFor(request)) : peer;
    }

    /** True if the socket peer itself is a trusted proxy (what {@code header} mode believes). */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        return resolver.trusts(request.getRemoteAddr());
    }

    /** Every {@code X-Forwarded-For} header value joined with commas, or null. */
    private static String forwardedFor(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("X-Forwarded-For");
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (values.hasMoreElements()) {
            all.append(',').append(values.nextElement());
        }
        return all.toString();
    }
}
