package org.keygate.monitoring.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Usage spike (docs/alerts.md): the current hour's tokens or cost far above the key's own baseline for
 * the same hour of the week. The baseline is that hour in each of the previous
 * {@code baselineWeeks} weeks (missing hours count as zero). An hour is a spike when it is above
 * mean + {@code sigmas}·σ, at least {@code minRatio} times the mean, and above an absolute floor
 * — the ratio keeps a very steady key's small wobble from alerting, the floor keeps a key that
 * moved from 3 to 40 tokens quiet.
 */
public record SpikeDetector(int baselineWeeks, double sigmas, double minRatio, long floorTokens, long floorCostMicros) {

    public static final String NAME = "usage_spike";

    public SpikeDetector {
        if (baselineWeeks < 1 || sigmas < 0 || minRatio < 1) {
            throw new IllegalArgumentException("baselineWeeks ≥ 1, sigmas ≥ 0, minRatio ≥ 1");
        }
    }

    /** {@code hourly} holds the key's buckets by UTC hour start; {@code now} falls in the hour judged. */
    public Optional<Finding> check(String keyId, Instant now, Map<Instant, HourBucket> hourly) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        HourBucket current = hourly.get(hour);
        if (current == null) {
            return Optional.empty();
        }
        double[] tokens = new double[baselineWeeks];
        double[] cost = new double[baselineWeeks];
        for (int w = 1; w <= baselineWeeks; w++) {
            HourBucket past = hourly.get(hour.minus(Duration.ofDays(7L * w)));
            tokens[w - 1] = past == null ? 0 : past.tokens();
            cost[w - 1] = past == null ? 0 : past.costMicros();
        }
        Optional<Map<String, Object>> byTokens = judge("tokens", current.tokens(), tokens, floorTokens);
        Optional<Map<String, Object>> byCost = judge("cost_micros", current.costMicros(), cost, floorCostMicros);
        if (byTokens.isEmpty() && byCost.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("hour_start", hour.toString());
        evidence.put("baseline_weeks", baselineWeeks);
        byTokens.ifPresent(evidence::putAll);
        byCost.ifPresent(evidence::putAll);
        double ratio = Math.max((double) evidence.getOrDefault("tokens_ratio", 0.0),
                (double) evidence.getOrDefault("cost_micros_ratio", 0.0));
        Severity severity = ratio >= 10 * minRatio ? Severity.CRITICAL : Severity.HIGH;
        return Optional.of(new Finding(NAME, severity, keyId, NAME + ":" + keyId + ":" + hour,
                String.format("usage this hour is %.1f× the key's usual level for this hour of the week", ratio),
                evidence));
    }

    private Optional<Map<String, Object>> judge(String metric, long value, double[] baseline, long floor) {
        double mean = 0;
        for (double v : baseline) {
            mean += v;
        }
        mean /= baseline.length;
        double variance = 0;
        for (double v : baseline) {
            variance += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(variance / baseline.length);
        double threshold = Math.max(Math.max(mean + sigmas * sd, mean * minRatio), floor);
        if (value <= threshold) {
            return Optional.empty();
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(metric, value);
        e.put(metric + "_baseline_mean", round(mean));
        e.put(metric + "_baseline_sd", round(sd));
        e.put(metric + "_threshold", round(threshold));
        double ratio = mean == 0 ? (double) value / Math.max(1, floor) : value / mean;
        e.put(metric + "_ratio", round(ratio));
        return Optional.of(e);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
