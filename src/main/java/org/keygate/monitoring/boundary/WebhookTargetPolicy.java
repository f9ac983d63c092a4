package org.keygate.monitoring.boundary;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.monitoring.control.WebhookTargets;

/**
 * {@link WebhookTargets} with the deployment's allow-list, applied twice: when a webhook is
 * created (its host's addresses now) and before every delivery (its addresses then, so a DNS
 * change after creation cannot point it inside).
 */
@ApplicationScoped
public class WebhookTargetPolicy {

    static final String PROPERTY = "keygate.webhooks.allowed-targets";

    @Inject
    @ConfigProperty(name = PROPERTY)
    Optional<String> allowedTargets;

    private WebhookTargets targets;

    @PostConstruct
    void init() {
        try {
            targets = new WebhookTargets(allowedTargets.orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + ": an entry " + e.getMessage(), e);
        }
    }

    /**
     * Why the URL's host may not receive webhooks, or null if it may. A host that does not
     * resolve is not refused here (its deliveries fail and are retried like any other failure).
     */
    public String refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return "has no host";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
        InetAddress refused = targets.refused(addresses);
        return refused == null ? null : WebhookTargets.reason(refused);
    }
}
