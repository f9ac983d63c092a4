package org.keygate.team.boundary;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.keygate.team.control.EndAfterStart;
import org.keygate.team.control.EndAfterStartValidator;
import org.keygate.team.control.TimeOfDay;

/** A team's working week in its own time zone: ISO day names ({@code MON}…{@code SUN}, any case) and {@code HH:mm} bounds. */
@EndAfterStart
public record WorkingHours(
        @NotEmpty(message = "must list at least one day (MON…SUN)")
        List<@NotNull(message = "must not be null") @Pattern(regexp = "MON|TUE|WED|THU|FRI|SAT|SUN",
                flags = {Pattern.Flag.CASE_INSENSITIVE, Pattern.Flag.UNICODE_CASE},
                message = "must be one of MON, TUE, WED, THU, FRI, SAT, SUN") String> days,
        @NotNull(message = "must be a time HH:mm") @TimeOfDay String start,
        @NotNull(message = "must be a time HH:mm") @TimeOfDay String end) implements EndAfterStartValidator.Bounds {
}
