package org.keygate.monitoring.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.keygate.gateway.boundary.KeyExposed;
import org.keygate.monitoring.control.Finding;
import org.keygate.monitoring.control.Severity;

/**
 * A live key sent in a URL becomes a high {@code key_exposed_in_url} alert on that key — once per
 * key (its fingerprint) — with where and from whom, never the key; delivered like every alert,
 * and the team's deactivate policy applies to it as to a critical one.
 */
@ApplicationScoped
public class ExposedKeyAlerts {

    public static final String DETECTOR = "key_exposed_in_url";

    private static final Logger LOG = Logger.getLogger(ExposedKeyAlerts.class.getName());

    @Inject
    Alerts alerts;

    void on(@ObservesAsync KeyExposed exposed) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("method", exposed.method());
        evidence.put("path", exposed.path());
        evidence.put("client_ip", exposed.clientIp());
        evidence.put("seen_at", exposed.at().toString());
        try {
            alerts.raise(new Finding(DETECTOR, Severity.HIGH, exposed.keyId(), DETECTOR + ":" + exposed.keyId(),
                    "The key was sent in a URL (" + exposed.method() + " " + exposed.path() + " from "
                            + exposed.clientIp() + "): proxies and access logs may hold it. Rotate it.",
                    evidence));
        } catch (RuntimeException e) {
            // a race with another node raising the same fingerprint, or the database away: the next sighting retries
            LOG.log(Level.WARNING, "the exposure alert for key " + exposed.keyId() + " was not raised", e);
        }
    }
}
