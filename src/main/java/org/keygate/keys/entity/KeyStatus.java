package org.keygate.keys.entity;

/** Key statuses (docs/api.md). {@code expired} is derived from {@code expires_at}; the others are stored. */
public enum KeyStatus {
    ACTIVE, DEACTIVATED, EXPIRED;

    public String json() {
        return name().toLowerCase();
    }
}
