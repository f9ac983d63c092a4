package org.keygate.team.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.keygate.platform.control.Text;
import org.keygate.team.control.TimeZoneId;

/** {@code POST /api/v1/teams}; {@code billing} is {@code prepaid} (default) or {@code postpaid}. */
public record CreateTeamRequest(
        @Text(max = 200, required = true) String name,
        @Min(value = 1, message = TeamLimits.RPM) @Max(value = TeamLimits.MAX_RPM, message = TeamLimits.RPM)
        Integer defaultRpmLimit,
        @TimeZoneId String timeZone,
        @Valid WorkingHours workingHours,
        @Pattern(regexp = TeamLimits.BILLING, message = TeamLimits.BILLING_MESSAGE) String billing) {
}
