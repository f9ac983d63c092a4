package org.keygate.team.boundary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.keygate.access.boundary.Caller;
import org.keygate.access.control.PasswordHasher;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.platform.boundary.Listing;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.team.control.MemberPolicy;
import org.keygate.team.control.OwnedKeys;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * Members, their roles, local passwords and offboarding (docs/api.md, docs/authentication.md). Who may see whom: ORG_ADMIN
 * and AUDITOR everyone, a TEAM_ADMIN the members of the teams they administer, anyone themselves;
 * who may change whom is {@link MemberPolicy}'s. Requests arrive valid by their constraints; what
 * depends on the data (a free user name, known teams) is checked here.
 */
@Stateless
@ReportsInvalidInput
public class Members {

    /** The deactivation reason of the keys a member owned in a team they were removed from. */
    public static final String MEMBERSHIP_REMOVED = "membership removed";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    MemberPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    OwnedKeys keys;

    @Inject
    Clock clock;

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);

    public MemberView create(@NotNull @Valid CreateMemberRequest request) {
        caller.requireWriter();
        if (!policy.managesPeople()) {
            throw new Forbidden("creating members needs ORG_ADMIN or TEAM_ADMIN");
        }
        String username = Input.text(request.username());
        if (!em.createNamedQuery(Member.BY_USERNAME, Member.class).setParameter("username", username)
                .getResultList().isEmpty()) {
            throw new Conflict("username_taken", "username", "a member named '" + username + "' already exists");
        }
        Member member = new Member(Ids.next("mem_", clock), username, Instant.now(clock));
        member.setDisplayName(Input.text(request.displayName()));
        member.setEmail(Input.text(request.email()));
        OrgRole orgRole = orgRole(request.orgRole());
        if (orgRole != null) {
            requireOrgRoles();
        }
        member.setOrgRole(orgRole);
        if (request.password() != null) {
            member.setPasswordHash(hasher.hash(request.password().toCharArray()));
        }
        List<MembershipRequest> wanted = request.memberships() == null ? List.of() : request.memberships();
        if (!policy.mayChangeOrgRoles() && wanted.isEmpty()) {
            throw new InvalidInput("memberships", "a TEAM_ADMIN must add the member to one of their teams");
        }
        Map<String, TeamRole> roles = roles(wanted);
        for (String teamId : roles.keySet()) {
            requireTeamAdmin(teamId);
        }
        em.persist(member);
        roles.forEach((teamId, role) -> member.getMemberships()
                .add(new Membership(Ids.next("msh_", clock), member, em.find(Team.class, teamId), role)));
        em.flush();
        MemberView view = MemberView.from(member);
        audit.record(caller.username(), caller.sourceIp(), "member.create", "member", member.getId(), null, view);
        return view;
    }

    public MemberView update(String id, @NotNull @Valid UpdateMemberRequest request) {
        Member member = visible(id);
        caller.requireWriter();
        boolean self = policy.isSelf(member.getId());
        boolean managesThem = caller.isOrgAdmin() || sharesAdminTeam(member);
        if (!self && !managesThem) {
            throw new Forbidden("changing this member needs TEAM_ADMIN of one of their teams or ORG_ADMIN");
        }
        MemberView before = MemberView.from(member);
        if (request.displayName() != null) {
            member.setDisplayName(Input.text(request.displayName().orElse(null)));
        }
        if (request.email() != null) {
            member.setEmail(Input.text(request.email().orElse(null)));
        }
        if (request.orgRole() != null) {
            requireOrgRoles();
            OrgRole role = orgRole(request.orgRole().orElse(null));
            if (self && role != OrgRole.ORG_ADMIN) {
                throw new Conflict("cannot_demote_self", "org_role", "an ORG_ADMIN cannot remove their own ORG_ADMIN role");
            }
            member.setOrgRole(role);
        }
        if (request.password() != null) {
            if (!self && !caller.isOrgAdmin()) {
                throw new Forbidden("only the member themselves or an ORG_ADMIN can set a password");
            }
            String password = request.password().orElse(null);
            member.setPasswordHash(password == null ? null : hasher.hash(password.toCharArray()));
        }
        if (request.memberships() != null) {
            for (String left : replaceMemberships(member, roles(request.memberships().orElse(List.of())))) {
                keys.deactivateAllIn(member.getId(), left, MEMBERSHIP_REMOVED);
            }
        }
        em.flush();
        MemberView after = MemberView.from(member);
        audit.record(caller.username(), caller.sourceIp(), "member.update", "member", id, before, after);
        return after;
    }

    public MemberView get(String id) {
        return MemberView.from(visible(id));
    }

    public Page<MemberView> list(String teamId, String status, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!caller.readsEverything()) {
            Set<String> teams = caller.adminTeamIds();
            if (teams.isEmpty()) {
                where.add("m.id = :self");
            } else {
                where.add("(m.id = :self OR EXISTS (SELECT s FROM Membership s WHERE s.member = m AND s.team.id IN :teams))");
                params.put("teams", teams);
            }
            params.put("self", caller.memberId());
        }
        if (teamId != null) {
            where.add("EXISTS (SELECT f FROM Membership f WHERE f.member = m AND f.team.id = :teamId)");
            params.put("teamId", teamId);
        }
        if (status != null) {
            where.add("m.status = :status");
            params.put("status", switch (status) {
                case "active" -> org.keygate.team.entity.MemberStatus.ACTIVE;
                case "offboarded" -> org.keygate.team.entity.MemberStatus.OFFBOARDED;
                default -> throw new InvalidInput("status", "must be active or offboarded");
            });
        }
        return Listing.page(em, Member.class, "m", where, params, "m.username", page, MemberView::from);
    }

    /** Deactivates every live key of the member and marks them offboarded, in one transaction. */
    public OffboardView offboard(String id, @Valid OffboardRequest request) {
        Member member = visible(id);
        caller.requireWriter();
        if (policy.isSelf(member.getId())) {
            throw new Conflict("cannot_offboard_self", "you cannot offboard yourself");
        }
        if (!policy.administersAllTeamsOf(member.getOrgRole(),
                member.getMemberships().stream().map(s -> s.getTeam().getId()).toList())) {
            throw new Forbidden("offboarding needs ORG_ADMIN, or TEAM_ADMIN of every team the member belongs to");
        }
        if (!member.isActive()) {
            throw new Conflict("already_offboarded", "the member is already offboarded");
        }
        String reason = request == null ? null : Input.text(request.reason());
        MemberView before = MemberView.from(member);
        List<String> deactivated = keys.deactivateAll(member.getId(),
                reason == null ? "offboarded" : "offboarded: " + reason);
        member.offboard(Instant.now(clock));
        em.flush();
        MemberView after = MemberView.from(member);
        audit.record(caller.username(), caller.sourceIp(), "member.offboard", "member", id, before, after);
        return new OffboardView(after, deactivated);
    }

    /** The member if the caller may see them, else 404. */
    public Member visible(String id) {
        Member member = em.find(Member.class, id);
        if (member == null || !(caller.readsEverything() || member.getId().equals(caller.memberId())
                || sharesAdminTeam(member))) {
            throw new NotFound("member", id);
        }
        return member;
    }

    private boolean sharesAdminTeam(Member member) {
        Set<String> mine = caller.adminTeamIds();
        return member.getMemberships().stream().anyMatch(s -> mine.contains(s.getTeam().getId()));
    }

    /** The ids of the teams the member no longer belongs to. */
    private List<String> replaceMemberships(Member member, Map<String, TeamRole> wanted) {
        List<String> left = new java.util.ArrayList<>();
        Map<String, Membership> current = new HashMap<>();
        member.getMemberships().forEach(s -> current.put(s.getTeam().getId(), s));
        Set<String> touched = new HashSet<>(current.keySet());
        touched.addAll(wanted.keySet());
        for (String teamId : touched) {
            Membership existing = current.get(teamId);
            TeamRole role = wanted.get(teamId);
            if (existing != null && existing.getRole() == role) {
                continue;
            }
            if (existing != null && existing.isFromIdp()) {
                throw new Conflict("idp_managed", "memberships", "the membership in team '" + teamId
                        + "' comes from the identity provider's groups: change it there");
            }
            requireTeamAdmin(teamId);
            if (existing == null) {
                member.getMemberships().add(new Membership(Ids.next("msh_", clock), member, em.find(Team.class, teamId), role));
            } else if (role == null) {
                member.getMemberships().remove(existing);
                left.add(teamId);
            } else {
                existing.setRole(role);
            }
        }
        return left;
    }

    private void requireOrgRoles() {
        if (!policy.mayChangeOrgRoles()) {
            throw new Forbidden("this operation needs the ORG_ADMIN role");
        }
    }

    private void requireTeamAdmin(String teamId) {
        if (!policy.mayManageTeam(teamId)) {
            throw new Forbidden("changing roles in team '" + teamId + "' needs TEAM_ADMIN of that team or ORG_ADMIN");
        }
    }

    private Map<String, TeamRole> roles(List<MembershipRequest> requested) {
        Map<String, TeamRole> roles = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            MembershipRequest m = requested.get(i);
            String field = "memberships[" + i + "]";
            if (m.teamId() == null || em.find(Team.class, m.teamId()) == null || !caller.canReadTeam(m.teamId())) {
                throw new InvalidInput(field + ".team_id", "is not a known team");
            }
            if (roles.put(m.teamId(), TeamRole.valueOf(m.role())) != null) {
                throw new InvalidInput(field + ".team_id", "is listed twice");
            }
        }
        return roles;
    }

    private static OrgRole orgRole(String value) {
        return value == null ? null : OrgRole.valueOf(value);
    }
}
