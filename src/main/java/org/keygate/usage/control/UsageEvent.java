package org.keygate.usage.control;

/**
 * One gateway call as docs/gateway.md meters it, made on the request thread and written later in a
 * batch. Holds no prompt or completion text; cost in micro-USD, start time in epoch microseconds.
 *
 * <p>The texts a client chose (the model it asked for, even one that does not exist) are made
 * storable here, once: control characters become U+FFFD and the text is cut to its column's size.
 * A NUL in a model name would otherwise be refused by PostgreSQL, and one record the database
 * refuses would hold every record behind it in the journal.
 */
public record UsageEvent(String requestId, String keyId, String teamId, String model, String provider, int status,
        String errorCode, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens,
        long costMicros, int latencyMs, String clientIp, long startedAtMicros) {

    public UsageEvent {
        model = storable(model, 200);
        provider = storable(provider, 64);
        errorCode = storable(errorCode, 64);
        clientIp = storable(clientIp, 45);
    }

    /** {@code text} with control characters replaced and cut to {@code max} characters; null stays null. */
    static String storable(String text, int max) {
        if (text == null) {
            return null;
        }
        boolean clean = text.length() <= max;
        for (int i = 0; clean && i < text.length(); i++) {
            char c = text.charAt(i);
            clean = c >= 0x20 && c != 0x7f && !Character.isSurrogate(c);
        }
        if (clean) {
            return text; // the usual case: no copy
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
