package org.keygate.monitoring.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unexpected model (docs/alerts.md): a model the key has not used in the previous {@code lookback} —
 * but only once the key has history (first use at least {@code minHistory} ago), so a new key's
 * first models are not news. One finding per key and model.
 */
public record UnexpectedModelDetector(Duration lookback, Duration minHistory) {

    public static final String NAME = "unexpected_model";

    /**
     * @param firstUse   when the key was first used at all, or null if never
     * @param recent     models used since {@code since} (the window being judged), with their call counts
     * @param lastSeenBefore for each model the key used before {@code since}, when it last did
     */
    public List<Finding> check(String keyId, Instant since, Instant firstUse, Map<String, Long> recent,
            Map<String, Instant> lastSeenBefore) {
        List<Finding> out = new ArrayList<>();
        if (firstUse == null || firstUse.plus(minHistory).isAfter(since)) {
            return out;
        }
        Instant horizon = since.minus(lookback);
        for (Map.Entry<String, Long> use : recent.entrySet()) {
            Instant last = lastSeenBefore.get(use.getKey());
            if (last != null && !last.isBefore(horizon)) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("model", use.getKey());
            evidence.put("calls", use.getValue());
            evidence.put("since", since.toString());
            evidence.put("lookback_days", lookback.toDays());
            evidence.put("previously_last_used", last == null ? null : last.toString());
            out.add(new Finding(NAME, Severity.MEDIUM, keyId, NAME + ":" + keyId + ":" + use.getKey(),
                    "the key called " + use.getKey() + ", which it had not used in the last " + lookback.toDays() + " days",
                    evidence));
        }
        return out;
    }
}
