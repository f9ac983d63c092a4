package org.keygate.platform.control;

import java.math.BigDecimal;

/**
 * Valid input the way it is stored: the constraints ({@link Text}, {@link Money}) say whether a
 * value is acceptable, these say what of it is kept.
 */
public final class Input {

    private Input() {
    }

    /** Stripped text, or null for null or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The amount with exactly 6 decimal places (micro-USD); null stays null. Call it on valid amounts only. */
    public static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(6);
    }
}
