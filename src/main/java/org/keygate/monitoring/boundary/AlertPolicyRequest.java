package org.keygate.monitoring.boundary;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v1/teams/{id}/alert-policy}. */
public record AlertPolicyRequest(@NotNull(message = "is required") Boolean deactivateOnCritical) {
}
