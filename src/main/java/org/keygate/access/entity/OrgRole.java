package org.keygate.access.entity;

/**
 * Roles that span the whole organisation (docs/authentication.md); team roles are {@link TeamRole}. {@code SERVICE}
 * is for machine accounts of other systems: it may verify keys and report leaked ones, nothing else.
 */
public enum OrgRole {
    ORG_ADMIN, AUDITOR, SERVICE
}
