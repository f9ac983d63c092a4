package org.keygate.team.boundary;

import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The constraints of the team, ledger and member requests: the services' former checks, same fields and messages. */
class TeamRequestsTest {

    private static final WorkingHours NINE_TO_FIVE = new WorkingHours(List.of("MON", "tue"), "09:00", "17:30");

    @Test
    void teams() {
        valid(new CreateTeamRequest("Finance", 30, "Europe/Berlin", NINE_TO_FIVE, "postpaid"));
        valid(new CreateTeamRequest("Finance", null, null, null, null));
        invalid("name", "is required", new CreateTeamRequest("", null, null, null, null));
        invalid("time_zone", "must be an IANA time zone such as Europe/Berlin",
                new CreateTeamRequest("x", null, "Mars/Olympus", null, null));
        invalid("default_rpm_limit", "must be between 1 and 1000000", new CreateTeamRequest("x", 0, null, null, null));
        invalid("billing", "must be prepaid or postpaid", new CreateTeamRequest("x", null, null, null, "free"));
    }

    @Test
    void workingHours() {
        invalid("working_hours.end", "must be after working_hours.start",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("MON"), "18:00", "09:00"), null));
        invalid("working_hours.end", "must be after working_hours.start",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("MON"), "09:00", "09:00"), null));
        invalid("working_hours.days[0]", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("FUNDAY"), "08:00", "09:00"), null));
        invalid("working_hours.days[1]", "must not be null",
                new CreateTeamRequest("x", null, null, new WorkingHours(Arrays.asList("MON", null), "08:00", "09:00"), null));
        invalid("working_hours.days", "must list at least one day (MON…SUN)",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of(), "08:00", "09:00"), null));
        invalid("working_hours.days", "must list at least one day (MON…SUN)",
                new CreateTeamRequest("x", null, null, new WorkingHours(null, "08:00", "09:00"), null));
        invalid("working_hours.start", "must be a time HH:mm",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("MON"), "8:00", "09:00"), null));
        invalid("working_hours.start", "must be a time HH:mm",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("MON"), null, "09:00"), null));
        invalid("working_hours.end", "must be a time HH:mm",
                new CreateTeamRequest("x", null, null, new WorkingHours(List.of("MON"), "08:00", "25:00"), null));
    }

    @Test
    void teamUpdatesClearOnlyTheDefaultRpm() {
        valid(new UpdateTeamRequest(null, Optional.empty(), null, null, null));
        invalid("name", "is required", new UpdateTeamRequest(Optional.empty(), null, null, null, null));
        invalid("time_zone", "must not be null", new UpdateTeamRequest(null, null, Optional.empty(), null, null));
        invalid("working_hours", "must not be null", new UpdateTeamRequest(null, null, null, Optional.empty(), null));
        invalid("billing", "must not be null", new UpdateTeamRequest(null, null, null, null, Optional.empty()));
        invalid("working_hours.end", "must be after working_hours.start", new UpdateTeamRequest(null, null, null,
                Optional.of(new WorkingHours(List.of("MON"), "18:00", "09:00")), null));
        invalid("time_zone", "must be an IANA time zone such as Europe/Berlin",
                new UpdateTeamRequest(null, null, Optional.of(""), null, null));
    }

    @Test
    void ledger() {
        valid(new LedgerRequest(new BigDecimal("25.50"), "PO 4711", null));
        valid(new LedgerRequest(new BigDecimal("-5.25"), "refund correction", "adjustment"));
        invalid("amount", "must not be 0", new LedgerRequest(BigDecimal.ZERO, "zero", null));
        invalid("amount", "must have at most 6 decimal places", new LedgerRequest(new BigDecimal("1.0000001"), "x", null));
        invalid("amount", "is required", new LedgerRequest(null, "x", null));
        invalid("note", "is required", new LedgerRequest(BigDecimal.TEN, null, null));
        invalid("kind", "must be top_up or adjustment", new LedgerRequest(BigDecimal.TEN, "x", "gift"));
    }

    @Test
    void members() {
        String password = "correct horse battery";
        valid(new CreateMemberRequest("ada", "Ada", "ada@example.org", null, password,
                List.of(new MembershipRequest("team_1", "MEMBER"))));
        invalid("username", "may contain letters, digits and . _ @ + - only",
                new CreateMemberRequest("bad name", null, null, null, null, null));
        invalid("username", "is required", new CreateMemberRequest(" ", null, null, null, null, null));
        invalid("username", "must be at most 200 characters", new CreateMemberRequest("u".repeat(201), null, null, null, null, null));
        invalid("password", "must be 12 to 128 characters long", new CreateMemberRequest("x1", null, null, null, "short", null));
        invalid("email", "must be an e-mail address", new CreateMemberRequest("x2", null, "nope", null, null, null));
        invalid("org_role", "must be ORG_ADMIN, AUDITOR or SERVICE", new CreateMemberRequest("x3", null, null, "GOD", null, null));
        invalid("memberships[0].role", "must be TEAM_ADMIN or MEMBER", new CreateMemberRequest("x4", null, null, null, null,
                List.of(new MembershipRequest("team_1", "OWNER"))));
        invalid("memberships[1].role", "must be TEAM_ADMIN or MEMBER", new CreateMemberRequest("x4", null, null, null, null,
                List.of(new MembershipRequest("team_1", "MEMBER"), new MembershipRequest("team_2", null))));
        invalid("memberships[0].team_id", "is not a known team", new CreateMemberRequest("x5", null, null, null, null,
                List.of(new MembershipRequest(null, "MEMBER"))));
        invalid("memberships[0]", "must not be null", new CreateMemberRequest("x6", null, null, null, null,
                Arrays.asList((MembershipRequest) null)));
    }

    @Test
    void memberUpdatesAndOffboarding() {
        valid(new UpdateMemberRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of())));
        invalid("password", "must be 12 to 128 characters long", new UpdateMemberRequest(null, null, null, Optional.of("short"), null));
        invalid("memberships[0].team_id", "is not a known team", new UpdateMemberRequest(null, null, null, null,
                Optional.of(List.of(new MembershipRequest(null, "MEMBER")))));
        valid(new OffboardRequest(null));
        invalid("reason", "must be at most 400 characters", new OffboardRequest("r".repeat(401)));
    }
}
