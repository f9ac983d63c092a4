package org.keygate.team.boundary;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Check;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.team.control.TeamBalances;
import org.keygate.team.entity.Billing;
import org.keygate.team.entity.LedgerEntry;
import org.keygate.team.entity.LedgerKind;
import org.keygate.team.entity.Team;

/** Teams and their balance ledger (SPEC §4), with the role rules of SPEC §7. */
@Stateless
public class Teams {

    private static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<TeamChanged> changes;

    public TeamView create(CreateTeamRequest request) {
        caller.requireOrgAdmin();
        String name = uniqueName(Check.required("name", request.name(), 200), null);
        Team team = new Team(Ids.next("team_", clock), name, Instant.now(clock));
        team.setDefaultRpmLimit(Check.positive("default_rpm_limit", request.defaultRpmLimit(), 1_000_000));
        if (request.timeZone() != null) {
            team.setTimeZone(zone(request.timeZone()));
        }
        if (request.workingHours() != null) {
            applyWorkingHours(team, request.workingHours());
        }
        if (request.billing() != null) {
            team.setBilling(billing(request.billing()));
        }
        em.persist(team);
        em.flush();
        TeamBalances.open(em, team.getId());
        TeamView view = TeamView.from(team, BigDecimal.ZERO);
        audit.record(caller.username(), caller.sourceIp(), "team.create", "team", team.getId(), null, view);
        return view;
    }

    public TeamView update(String id, UpdateTeamRequest request) {
        Team team = readable(id);
        caller.requireWriter();
        if (!caller.isTeamAdmin(id)) {
            throw new Forbidden("changing a team needs TEAM_ADMIN of that team or ORG_ADMIN");
        }
        TeamView before = TeamView.from(team, balance(id));
        if (request.name() != null) {
            team.setName(uniqueName(Check.required("name", request.name().orElse(null), 200), id));
        }
        if (request.defaultRpmLimit() != null) {
            team.setDefaultRpmLimit(Check.positive("default_rpm_limit", request.defaultRpmLimit().orElse(null), 1_000_000));
        }
        if (request.timeZone() != null) {
            team.setTimeZone(zone(request.timeZone().orElseThrow(() -> new InvalidInput("time_zone", "must not be null"))));
        }
        if (request.workingHours() != null) {
            applyWorkingHours(team, request.workingHours()
                    .orElseThrow(() -> new InvalidInput("working_hours", "must not be null")));
        }
        if (request.billing() != null) {
            team.setBilling(billing(request.billing().orElseThrow(() -> new InvalidInput("billing", "must not be null"))));
        }
        em.flush();
        TeamView after = TeamView.from(team, before.balance());
        audit.record(caller.username(), caller.sourceIp(), "team.update", "team", id, before, after);
        changes.fire(new TeamChanged(id));
        return after;
    }

    public TeamView get(String id) {
        return TeamView.from(readable(id), balance(id));
    }

    public Page<TeamView> list(PageRequest page) {
        boolean all = caller.readsEverything();
        Set<String> mine = caller.teamIds();
        if (!all && mine.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        String where = all ? "" : " WHERE t.id IN :ids";
        TypedQuery<Team> query = em.createQuery("SELECT t FROM Team t" + where + " ORDER BY t.name, t.id", Team.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(t) FROM Team t" + where, Long.class);
        if (!all) {
            query.setParameter("ids", mine);
            count.setParameter("ids", mine);
        }
        List<Team> teams = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<String, BigDecimal> balances = TeamBalances.of(em, teams.stream().map(Team::getId).toList());
        List<TeamView> items = teams.stream()
                .map(t -> TeamView.from(t, balances.getOrDefault(t.getId(), BigDecimal.ZERO))).toList();
        return new Page<>(items, page.page(), page.size(), count.getSingleResult());
    }

    public LedgerEntryView addLedgerEntry(String teamId, LedgerRequest request) {
        readable(teamId);
        caller.requireOrgAdmin();
        if (request.amount() == null) {
            throw new InvalidInput("amount", "is required");
        }
        BigDecimal amount = Check.money("amount", request.amount());
        if (amount.signum() == 0) {
            throw new InvalidInput("amount", "must not be 0");
        }
        String note = Check.required("note", request.note(), 500);
        LedgerKind kind = amount.signum() > 0 ? LedgerKind.TOP_UP : LedgerKind.ADJUSTMENT;
        if (request.kind() != null) {
            kind = switch (request.kind()) {
                case "top_up" -> LedgerKind.TOP_UP;
                case "adjustment" -> LedgerKind.ADJUSTMENT;
                default -> throw new InvalidInput("kind", "must be top_up or adjustment");
            };
        }
        if (kind == LedgerKind.TOP_UP && amount.signum() < 0) {
            throw new InvalidInput("amount", "a top_up must be greater than 0; use kind adjustment to reduce a balance");
        }
        LedgerEntry entry = new LedgerEntry(Ids.next("led_", clock), teamId, amount, kind, note, Instant.now(clock),
                caller.username());
        em.persist(entry);
        TeamBalances.add(em, teamId, amount);
        LedgerEntryView view = LedgerEntryView.from(entry);
        audit.record(caller.username(), caller.sourceIp(), "team.ledger." + kind.name().toLowerCase(), "team", teamId,
                null, view);
        changes.fire(new TeamChanged(teamId));
        return view;
    }

    /** Credit that comes with the quick start (SPEC §9); written by the bootstrap, not by a person. */
    public void addDemoCredit(String teamId, BigDecimal amount, String note) {
        LedgerEntry entry = new LedgerEntry(Ids.next("led_", clock), teamId, amount.setScale(6), LedgerKind.DEMO_CREDIT,
                note, Instant.now(clock), AuditLog.SYSTEM);
        em.persist(entry);
        TeamBalances.add(em, teamId, entry.getAmount());
        audit.record(AuditLog.SYSTEM, null, "team.ledger.demo_credit", "team", teamId, null, LedgerEntryView.from(entry));
        changes.fire(new TeamChanged(teamId));
    }

    public Page<LedgerEntryView> ledger(String teamId, PageRequest page) {
        readable(teamId);
        if (!caller.readsEverything() && !caller.isTeamAdmin(teamId)) {
            throw new Forbidden("reading a team's ledger needs TEAM_ADMIN of that team, ORG_ADMIN or AUDITOR");
        }
        List<LedgerEntryView> items = em.createNamedQuery(LedgerEntry.BY_TEAM, LedgerEntry.class)
                .setParameter("teamId", teamId).setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultList().stream().map(LedgerEntryView::from).toList();
        long total = em.createNamedQuery(LedgerEntry.COUNT_BY_TEAM, Long.class).setParameter("teamId", teamId)
                .getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public BigDecimal balance(String teamId) {
        return TeamBalances.of(em, teamId);
    }

    /** The team if the caller may see it; otherwise 404, so team ids cannot be probed. */
    public Team readable(String id) {
        Team team = em.find(Team.class, id);
        if (team == null || !caller.canReadTeam(id)) {
            throw new NotFound("team", id);
        }
        return team;
    }

    private String uniqueName(String name, String selfId) {
        List<Team> same = em.createNamedQuery(Team.BY_NAME, Team.class).setParameter("name", name).getResultList();
        if (same.stream().anyMatch(t -> !t.getId().equals(selfId))) {
            throw new Conflict("team_name_taken", "name", "a team named '" + name + "' already exists");
        }
        return name;
    }

    private static String zone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new InvalidInput("time_zone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    private static Billing billing(String value) {
        return switch (value) {
            case "prepaid" -> Billing.PREPAID;
            case "postpaid" -> Billing.POSTPAID;
            default -> throw new InvalidInput("billing", "must be prepaid or postpaid");
        };
    }

    private static void applyWorkingHours(Team team, WorkingHours hours) {
        if (hours.days() == null || hours.days().isEmpty()) {
            throw new InvalidInput("working_hours.days", "must list at least one day (MON…SUN)");
        }
        Set<String> days = new LinkedHashSet<>();
        for (int i = 0; i < hours.days().size(); i++) {
            String day = hours.days().get(i).toUpperCase(Locale.ROOT);
            if (!DAYS.contains(day)) {
                throw new InvalidInput("working_hours.days[" + i + "]", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            days.add(day);
        }
        LocalTime start = time("working_hours.start", hours.start());
        LocalTime end = time("working_hours.end", hours.end());
        if (!start.isBefore(end)) {
            throw new InvalidInput("working_hours.end", "must be after working_hours.start");
        }
        team.setWorkDays(new ArrayList<>(days));
        team.setWorkStart(start.toString());
        team.setWorkEnd(end.toString());
    }

    private static LocalTime time(String field, String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            throw new InvalidInput(field, "must be a time HH:mm");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a time HH:mm");
        }
    }
}
