package org.keygate.platform.control;

import java.math.BigDecimal;

/** Field checks shared by the services; each failure names the JSON field (SPEC §4 errors). */
public final class Check {

    /** Largest amount of money Keygate accepts in one field: one billion USD. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("1000000000");

    private Check() {
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        return optional(field, value, maxLength);
    }

    /** Trimmed text or null; blank counts as absent. */
    public static String optional(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInput(field, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new InvalidInput(field, "must not contain control characters");
            }
        }
        return trimmed;
    }

    public static Integer positive(String field, Integer value, int max) {
        if (value != null && (value <= 0 || value > max)) {
            throw new InvalidInput(field, "must be between 1 and " + max);
        }
        return value;
    }

    /** A positive USD amount with at most 6 decimal places (micro-USD). */
    public static BigDecimal positiveMoney(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() <= 0) {
            throw new InvalidInput(field, "must be greater than 0");
        }
        return money(field, value);
    }

    /** A USD amount of either sign with at most 6 decimal places. */
    public static BigDecimal money(String field, BigDecimal value) {
        if (value.stripTrailingZeros().scale() > 6) {
            throw new InvalidInput(field, "must have at most 6 decimal places");
        }
        if (value.abs().compareTo(MAX_MONEY) > 0) {
            throw new InvalidInput(field, "must be at most " + MAX_MONEY.toPlainString() + " in magnitude");
        }
        return value.setScale(6);
    }
}
