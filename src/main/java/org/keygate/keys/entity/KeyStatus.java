package org.keygate.keys.entity;

/** SPEC §1 statuses. {@code expired} is derived from {@code expires_at}; the others are stored. */
public enum KeyStatus {
    ACTIVE, DEACTIVATED, EXPIRED;

    public String json() {
        return name().toLowerCase();
    }
}
