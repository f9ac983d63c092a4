/**
 * {@code AuditLog}, which appends inside the caller's transaction so an entry exists exactly when
 * its change committed, and the read side for ORG_ADMIN and AUDITOR: API, page, CSV, chain check.
 */
package org.keygate.audit.boundary;
