package org.keygate.monitoring.boundary;

/** {@code PUT /api/v1/teams/{id}/alert-policy}. */
public record AlertPolicyRequest(Boolean deactivateOnCritical) {
}
