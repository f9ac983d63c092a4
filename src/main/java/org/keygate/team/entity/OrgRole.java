package org.keygate.team.entity;

/** Roles that span the whole organisation (SPEC §7); team roles are {@link TeamRole}. */
public enum OrgRole {
    ORG_ADMIN, AUDITOR
}
