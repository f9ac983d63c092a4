package org.keygate.team.boundary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.entity.TeamRole;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.TextValidator;
import org.keygate.team.control.OwnedKeys;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;
import org.keygate.team.entity.Team;

/**
 * Creates the member record of an SSO user seen for the first time, in its own transaction so a
 * concurrent first request that loses the unique-name race cannot spoil the caller's. The new
 * member has no password (SSO only), no stored org role (that comes from groups on each login) and
 * no team: a team admin adds them to teams on the Members page, or their groups do ({@link #syncTeams}).
 */
@Stateless
public class Provisioning {

    static final String ACTOR = "sso";
    private static final Logger LOG = Logger.getLogger(Provisioning.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    OwnedKeys keys;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void provision(String username, String displayName, String email, String sourceIp) {
        String problem = TextValidator.problem(username, 200, true);
        if (problem != null) {
            throw new InvalidInput("username", problem);
        }
        Member member = new Member(Ids.next("mem_", clock), Input.text(username), Instant.now(clock));
        member.setDisplayName(safe(displayName, 200));
        member.setEmail(safe(email, 320));
        em.persist(member);
        em.flush();
        audit.record(ACTOR, sourceIp, "member.provision", "member", member.getId(), null, MemberView.from(member));
    }

    /**
     * Makes the member's IdP-managed memberships what their groups grant ({@code byTeam}: team id or
     * name → role): a granted team the member is not in is joined; a Keygate-managed membership of a
     * granted team becomes IdP-managed with the granted role; an IdP-managed membership no group
     * grants any more is removed and the member's keys in that team are deactivated. Groups naming no
     * team are ignored. Writes only when something differs, under a lock on the member so two
     * concurrent first requests cannot both insert. True if anything changed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean syncTeams(String memberId, Map<String, TeamRole> byTeam, String sourceIp) {
        Member member = em.find(Member.class, memberId);
        if (member == null) {
            return false;
        }
        Map<String, TeamRole> wanted = resolve(byTeam);
        if (!differs(member, wanted)) {
            return false;
        }
        em.refresh(member, LockModeType.PESSIMISTIC_WRITE);
        MemberView before = MemberView.from(member);
        Map<String, Membership> current = new HashMap<>();
        member.getMemberships().forEach(s -> current.put(s.getTeam().getId(), s));
        List<String> left = new ArrayList<>();
        for (Membership s : current.values()) {
            if (s.isFromIdp() && !wanted.containsKey(s.getTeam().getId())) {
                member.getMemberships().remove(s);
                left.add(s.getTeam().getId());
            }
        }
        wanted.forEach((teamId, role) -> {
            Membership s = current.get(teamId);
            if (s == null) {
                s = new Membership(Ids.next("msh_", clock), member, em.find(Team.class, teamId), role);
                member.getMemberships().add(s);
            }
            s.setRole(role);
            s.setFromIdp(true);
        });
        em.flush();
        for (String teamId : left) {
            keys.deactivateAllInBySystem(memberId, teamId, ACTOR, Members.MEMBERSHIP_REMOVED);
        }
        audit.record(ACTOR, sourceIp, "member.sync_groups", "member", memberId, before, MemberView.from(member));
        return true;
    }

    private static boolean differs(Member member, Map<String, TeamRole> wanted) {
        int fromIdp = 0;
        for (Membership s : member.getMemberships()) {
            TeamRole role = wanted.get(s.getTeam().getId());
            if (s.isFromIdp()) {
                fromIdp++;
            }
            if (role == null ? s.isFromIdp() : !s.isFromIdp() || s.getRole() != role) {
                return true;
            }
        }
        return fromIdp != wanted.size();
    }

    /** Team references (id, else a name compared ignoring case) to team ids; unknown ones dropped. */
    private Map<String, TeamRole> resolve(Map<String, TeamRole> byTeam) {
        Map<String, TeamRole> out = new HashMap<>();
        byTeam.forEach((ref, role) -> {
            Team team = em.find(Team.class, ref);
            if (team == null) {
                List<Team> named = em.createNamedQuery(Team.BY_NAME_IGNORING_CASE, Team.class)
                        .setParameter("name", ref.toLowerCase(Locale.ROOT)).getResultList();
                team = named.size() == 1 ? named.get(0) : null;
            }
            if (team == null) {
                LOG.fine(() -> "a group names team '" + ref + "', which does not exist (or is ambiguous): ignored");
            } else {
                out.merge(team.getId(), role, (a, b) -> a == TeamRole.TEAM_ADMIN ? a : b);
            }
        });
        return out;
    }

    /** What the identity provider says, if it is acceptable text; nothing otherwise (it is optional). */
    private static String safe(String value, int max) {
        return TextValidator.problem(value, max, false) == null ? Input.text(value) : null;
    }
}
