package org.keygate.team.boundary;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.team.control.TeamBalances;
import org.keygate.team.control.TeamPolicy;
import org.keygate.team.control.TimeOfDayValidator;
import org.keygate.team.entity.Billing;
import org.keygate.team.entity.LedgerEntry;
import org.keygate.team.entity.LedgerKind;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * Teams and their balance ledger (docs/api.md), with the role rules of docs/authentication.md ({@link TeamPolicy}).
 * Requests arrive valid by their constraints; what depends on the data (a unique name, a top-up's
 * sign given its kind) is checked here.
 */
@Stateless
@ReportsInvalidInput
public class Teams {

    private static final String ORG_ADMIN_ONLY = "this operation needs the ORG_ADMIN role";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    TeamPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<TeamChanged> changes;

    public TeamView create(@NotNull @Valid CreateTeamRequest request) {
        if (!policy.mayCreate()) {
            throw new Forbidden(ORG_ADMIN_ONLY);
        }
        String name = uniqueName(Input.text(request.name()), null);
        Team team = new Team(Ids.next("team_", clock), name, Instant.now(clock));
        team.setDefaultRpmLimit(request.defaultRpmLimit());
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

    public TeamView update(String id, @NotNull @Valid UpdateTeamRequest request) {
        Team team = readable(id);
        caller.requireWriter();
        if (!policy.administers(id)) {
            throw new Forbidden("changing a team needs TEAM_ADMIN of that team or ORG_ADMIN");
        }
        TeamView before = TeamView.from(team, balance(id));
        if (request.name() != null) {
            team.setName(uniqueName(Input.text(request.name().orElseThrow()), id));
        }
        if (request.defaultRpmLimit() != null) {
            team.setDefaultRpmLimit(request.defaultRpmLimit().orElse(null));
        }
        if (request.timeZone() != null) {
            team.setTimeZone(zone(request.timeZone().orElseThrow()));
        }
        if (request.workingHours() != null) {
            applyWorkingHours(team, request.workingHours().orElseThrow());
        }
        if (request.billing() != null) {
            team.setBilling(billing(request.billing().orElseThrow()));
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

    public LedgerEntryView addLedgerEntry(String teamId, @NotNull @Valid LedgerRequest request) {
        readable(teamId);
        if (!policy.mayBook()) {
            throw new Forbidden(ORG_ADMIN_ONLY);
        }
        BigDecimal amount = Input.money(request.amount());
        String note = Input.text(request.note());
        LedgerKind kind = amount.signum() > 0 ? LedgerKind.TOP_UP : LedgerKind.ADJUSTMENT;
        if (request.kind() != null) {
            kind = "top_up".equals(request.kind()) ? LedgerKind.TOP_UP : LedgerKind.ADJUSTMENT;
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

    /** Credit that comes with the quick start (README.md); written by the bootstrap, not by a person. */
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
        if (!policy.mayReadLedger(teamId)) {
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

    /** The zone's canonical id; the request constraints made sure it is one. */
    private static String zone(String value) {
        return ZoneId.of(value).getId();
    }

    private static Billing billing(String value) {
        return "postpaid".equals(value) ? Billing.POSTPAID : Billing.PREPAID;
    }

    /** Valid hours (see {@link WorkingHours}) as the team keeps them: upper-case days without repeats. */
    private static void applyWorkingHours(Team team, WorkingHours hours) {
        Set<String> days = new LinkedHashSet<>();
        hours.days().forEach(day -> days.add(day.toUpperCase(Locale.ROOT)));
        team.setWorkDays(new ArrayList<>(days));
        team.setWorkStart(TimeOfDayValidator.parse(hours.start()).toString());
        team.setWorkEnd(TimeOfDayValidator.parse(hours.end()).toString());
    }
}
