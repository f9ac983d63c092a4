package org.keygate.team.boundary;

import java.math.BigDecimal;
import java.time.Instant;

import org.keygate.team.entity.Team;

/** A team as the API shows it, with its balance (the sum of its ledger). */
public record TeamView(String id, String name, String billing, Integer defaultRpmLimit, String timeZone,
        WorkingHours workingHours, BigDecimal balance, Instant createdAt) {

    public static TeamView from(Team team, BigDecimal balance) {
        return new TeamView(team.getId(), team.getName(), team.getBilling().name().toLowerCase(),
                team.getDefaultRpmLimit(), team.getTimeZone(),
                new WorkingHours(team.getWorkDays(), team.getWorkStart(), team.getWorkEnd()),
                balance.setScale(6), team.getCreatedAt());
    }
}
