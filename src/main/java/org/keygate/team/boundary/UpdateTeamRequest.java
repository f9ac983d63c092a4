package org.keygate.team.boundary;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.keygate.platform.control.Text;
import org.keygate.team.control.TimeZoneId;

/**
 * {@code PATCH /api/v1/teams/{id}}: absent fields (null here) stay, {@code null} clears where
 * clearing makes sense (the default rpm); a team always has a time zone, working hours and billing.
 */
public record UpdateTeamRequest(
        Optional<@Text(max = 200, required = true) String> name,
        Optional<@Min(value = 1, message = TeamLimits.RPM) @Max(value = TeamLimits.MAX_RPM, message = TeamLimits.RPM)
                Integer> defaultRpmLimit,
        Optional<@NotNull(message = "must not be null") @TimeZoneId String> timeZone,
        Optional<@NotNull(message = "must not be null") @Valid WorkingHours> workingHours,
        Optional<@NotNull(message = "must not be null")
                @Pattern(regexp = TeamLimits.BILLING, message = TeamLimits.BILLING_MESSAGE) String> billing) {
}
