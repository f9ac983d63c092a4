package org.keygate.access.entity;

/** A member's role in one team (docs/authentication.md). */
public enum TeamRole {
    TEAM_ADMIN, MEMBER
}
