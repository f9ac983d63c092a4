package org.keygate.access.entity;

import java.util.Locale;

/**
 * Where a caller's effective org role comes from, for {@code GET /api/v1/me}: SSO groups (computed
 * at each login or request, never stored), Keygate's own member record, or a service client of the
 * IdP (which is no member). Lets someone whose role surprises them see whom to ask.
 */
public enum OrgRoleSource {
    GROUPS, KEYGATE, SERVICE;

    /** The name as the API writes it: {@code groups}, {@code keygate}, {@code service}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
