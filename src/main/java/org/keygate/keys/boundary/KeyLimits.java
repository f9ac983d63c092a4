package org.keygate.keys.boundary;

/** The bounds of a key's settings, shared by the request records' constraints and their messages. */
final class KeyLimits {

    static final int MAX_LIST_ENTRIES = 100;
    static final String TOO_MANY = "must have at most " + MAX_LIST_ENTRIES + " entries";
    static final int MAX_RPM = 1_000_000;
    static final String RPM = "must be between 1 and " + MAX_RPM;
    /** 30 days: the longest overlap of a rotated key with its successor. */
    static final long MAX_GRACE_SECONDS = 30L * 24 * 60 * 60;
    static final String GRACE = "must be between 0 and " + MAX_GRACE_SECONDS + " seconds";

    private KeyLimits() {
    }
}
