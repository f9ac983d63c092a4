package org.keygate.monitoring.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Off-hours activity (docs/alerts.md): more than {@code threshold} calls outside the team's working
 * hours on one local day, judged in the team's own time zone (so daylight-saving changes move the
 * UTC hours that count, not the local ones). One finding per key and local date.
 */
public record OffHoursDetector(long threshold) {

    public static final String NAME = "off_hours";

    /** Working days and hours of a team, in its time zone. */
    public record WorkingTime(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

        /** True when the instant falls outside the working days or the [start, end) hours locally. */
        public boolean isOffHours(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            return !days.contains(local.getDayOfWeek()) || time.isBefore(start) || !time.isBefore(end);
        }
    }

    /** {@code hours} are the key's hourly buckets; the local day judged is the one {@code now} is in. */
    public Optional<Finding> check(String keyId, Instant now, WorkingTime team, Collection<HourBucket> hours) {
        LocalDate today = now.atZone(team.zone()).toLocalDate();
        long offHours = 0;
        long offHoursTokens = 0;
        for (HourBucket b : hours) {
            if (b.hourStart().atZone(team.zone()).toLocalDate().equals(today) && team.isOffHours(b.hourStart())) {
                offHours += b.requests();
                offHoursTokens += b.tokens();
            }
        }
        if (offHours <= threshold) {
            return Optional.empty();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("local_date", today.toString());
        evidence.put("time_zone", team.zone().getId());
        evidence.put("working_hours", team.start() + "-" + team.end());
        evidence.put("off_hours_calls", offHours);
        evidence.put("off_hours_tokens", offHoursTokens);
        evidence.put("threshold", threshold);
        return Optional.of(new Finding(NAME, Severity.MEDIUM, keyId, NAME + ":" + keyId + ":" + today,
                offHours + " calls outside working hours on " + today + " (" + team.zone().getId() + ")", evidence));
    }
}
