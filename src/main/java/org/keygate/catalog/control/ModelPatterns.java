package org.keygate.catalog.control;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The grammar of {@code allowed_models} entries (docs/gateway.md): an exact catalogue id such as
 * {@code anthropic/claude-sonnet-4-6}, or a prefix ending in {@code *} such as {@code anthropic/*}.
 */
public final class ModelPatterns {

    /** A provider id: {@code openai}, {@code anthropic}, {@code demo}. */
    public static final String PROVIDER_ID_REGEX = "[a-z0-9][a-z0-9._-]{0,63}";
    /** A catalogue id: provider id, slash, model name ({@code openai/gpt-4o-mini}). */
    public static final String MODEL_ID_REGEX = PROVIDER_ID_REGEX + "/[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private static final Pattern MODEL_ID = Pattern.compile(MODEL_ID_REGEX);
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}(/[A-Za-z0-9._:-]{0,127})?\\*");

    private ModelPatterns() {
    }

    public static boolean isModelId(String id) {
        return id != null && MODEL_ID.matcher(id).matches();
    }

    public static boolean isPrefixPattern(String pattern) {
        return pattern != null && PREFIX.matcher(pattern).matches();
    }

    /** Empty = every model; otherwise an exact match or a trailing-{@code *} prefix match. */
    public static boolean allows(List<String> patterns, String model) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (p.endsWith("*") ? model.startsWith(p.substring(0, p.length() - 1)) : p.equals(model)) {
                return true;
            }
        }
        return false;
    }
}
