package org.keygate.access.entity;

/** A member's role in one team (SPEC §7). */
public enum TeamRole {
    TEAM_ADMIN, MEMBER
}
