package org.keygate.monitoring.boundary;

import jakarta.validation.constraints.Pattern;

import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/teams/{id}/webhooks}: where to send the team's alerts (an absolute http(s)
 * URL without credentials, the service's check), from which severity on (default low).
 */
public record CreateWebhookRequest(
        @Text(max = 2000, required = true) String url,
        @Pattern(regexp = "low|medium|high|critical", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be low, medium, high or critical") String minSeverity) {
}
