package org.keygate.team.boundary;

import java.util.List;

/** A team's working week in its own time zone: ISO day names ({@code MON}…{@code SUN}) and {@code HH:mm} bounds. */
public record WorkingHours(List<String> days, String start, String end) {
}
