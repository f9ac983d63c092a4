package org.keygate.monitoring.control;

/** How urgent an alert is; a team may auto-deactivate keys on {@link #CRITICAL}. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String json() {
        return name().toLowerCase();
    }
}
