/**
 * The roles stored on members: organisation-wide {@code OrgRole} (ORG_ADMIN, AUDITOR, SERVICE) and
 * per-team {@code TeamRole}; enums only, the tables that hold them belong to team.
 */
package org.keygate.access.entity;
