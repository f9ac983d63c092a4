package org.keygate.monitoring.control;

import java.util.Map;

/**
 * What a detector found about one key. The {@code fingerprint} names the anomaly (detector, key
 * and the hour, model, day or subnet concerned) so the same anomaly is raised once however often
 * the detectors run; {@code evidence} holds the numbers that tripped it.
 */
public record Finding(String detector, Severity severity, String keyId, String fingerprint, String summary,
        Map<String, Object> evidence) {

    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
