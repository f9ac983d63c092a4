package org.keygate.platform.control;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.LogRecord;

/**
 * Takes anything that looks like an API key out of a log record before any handler formats it:
 * the message, every parameter, and the throwable with its whole cause and suppressed chain
 * (a throwable's message cannot be changed, so a masked copy with the same class name, message
 * text and stack trace takes its place). Keys keep their prefix only ({@link Secrets#mask}).
 */
public final class MaskedLogRecords {

    private MaskedLogRecords() {
    }

    /** Masks {@code record} in place; cheap when nothing in it contains {@code ck-}. */
    public static LogRecord mask(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains("ck-")) {
            record.setMessage(Secrets.mask(message));
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            Object[] masked = null;
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p != null && !(p instanceof Number) && !(p instanceof Boolean)) {
                    String text = String.valueOf(p);
                    String safe = text.contains("ck-") ? Secrets.mask(text) : text;
                    if (!safe.equals(text)) {
                        if (masked == null) {
                            masked = parameters.clone();
                        }
                        masked[i] = safe;
                    }
                }
            }
            if (masked != null) {
                record.setParameters(masked);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && mentionsKey(thrown, new IdentityHashMap<>())) {
            record.setThrown(copy(thrown, new IdentityHashMap<>()));
        }
        return record;
    }

    private static boolean mentionsKey(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        String text = t.toString();
        if (text.contains("ck-") && !Secrets.mask(text).equals(text)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (mentionsKey(s, seen)) {
                return true;
            }
        }
        return mentionsKey(t.getCause(), seen);
    }

    private static Throwable copy(Throwable t, Map<Throwable, Masked> done) {
        Masked existing = done.get(t);
        if (existing != null) {
            return existing;
        }
        Masked copy = new Masked(Secrets.mask(t.toString()));
        done.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null) {
            copy.initCause(copy(t.getCause(), done));
        }
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, done));
        }
        return copy;
    }

    /** Stands in for a throwable whose text held a key; prints as the original did, masked. */
    static final class Masked extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String text;

        Masked(String text) {
            super(text); // the cause stays unset, for initCause
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
