package org.keygate.team.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.access.boundary.AuthMode;
import org.keygate.access.boundary.AuthSettings;
import org.keygate.access.entity.OrgRole;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.LazyRows;
import org.keygate.team.control.OwnedKeys.OwnedKey;
import org.keygate.team.control.MemberPolicy;
import org.keygate.team.control.OwnedKeys;

/**
 * {@code /admin/members/list.xhtml}: the people the caller may see, their roles, new members,
 * role changes and offboarding — whose confirmation lists the keys it will deactivate.
 */
@Named
@ViewScoped
public class MembersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> CREATE_FIELDS = Map.of("username", "createMember:username",
            "display_name", "createMember:displayName", "email", "createMember:email", "password",
            "createMember:password", "org_role", "createMember:orgRole", "memberships", "createMember:team",
            "memberships.team_id", "createMember:team", "memberships.role", "createMember:role");

    @Inject
    Members members;

    @Inject
    Teams teams;

    @Inject
    OwnedKeys keys;

    @Inject
    MemberPolicy policy;

    @Inject
    AuthSettings settings;

    private Choices choices;
    private String status = "active";
    /** One database page per table page, under the status filter. */
    private final LazyRows<MemberView> rows = new LazyRows<>((page, sort) -> members.list(null, blank(status), page),
            MemberView::id);

    private MemberView selected;
    private List<OwnedKey> keysToDeactivate = List.of();
    private String offboardReason;

    private String username;
    private String displayName;
    private String email;
    private String password;
    private String orgRole;
    private String teamId;
    private String role = "MEMBER";

    private String editOrgRole;
    /** The keys that saving the role editor's choices would deactivate, awaiting confirmation; empty otherwise. */
    private List<OwnedKey> keysLosingTeam = List.of();
    private Map<String, String> editRoles = new LinkedHashMap<>();

    @PostConstruct
    void init() {
        choices = Choices.load(teams, members);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Opens the offboarding confirmation: the member and every live key of theirs the caller can see. */
    public void prepareOffboard(MemberView member) {
        selected = member;
        offboardReason = null;
        keysToDeactivate = keys.live(member.id());
    }

    public void offboard() {
        OffboardView done = FacesActions.run(() -> members.offboard(selected.id(), new OffboardRequest(offboardReason)),
                Map.of("reason", "offboardForm:reason"));
        if (done != null) {
            FacesActions.info(done.member().username() + " is offboarded; " + done.deactivatedKeyIds().size()
                    + " key(s) deactivated.");
            selected = null;
            keysToDeactivate = List.of();
        }
    }

    public void prepareCreate() {
        username = null;
        displayName = null;
        email = null;
        password = null;
        orgRole = null;
        role = "MEMBER";
        List<String> creatable = List.copyOf(getCreatableTeams().keySet());
        teamId = creatable.isEmpty() ? null : creatable.get(0);
    }

    public void create() {
        List<MembershipRequest> memberships = teamId == null || teamId.isBlank() ? List.of()
                : List.of(new MembershipRequest(teamId, role));
        MemberView created = FacesActions.run(() -> members.create(new CreateMemberRequest(username, displayName, email,
                blank(orgRole), isLocal() ? blank(password) : null, memberships)), CREATE_FIELDS);
        password = null;
        if (created != null) {
            choices = Choices.load(teams, members);
            FacesActions.info("Member " + created.username() + " created.");
        }
    }

    /** Opens the role editor with the member's current roles, one select per visible team. */
    public void prepareRoles(MemberView member) {
        selected = member;
        editOrgRole = member.orgRole();
        editRoles = new LinkedHashMap<>();
        for (String team : choices.teamIds()) {
            editRoles.put(team, "");
        }
        member.memberships().forEach(m -> editRoles.put(m.teamId(), m.role()));
        keysLosingTeam = List.of();
    }

    /**
     * Saves the role editor's choices. When they take the member out of a team where they own live
     * keys, the first click only lists those keys (the dialog stays open) and {@link #confirmRoles}
     * saves: the service deactivates them in the same transaction.
     */
    public void saveRoles() {
        List<MembershipRequest> wanted = wantedMemberships();
        java.util.Set<String> kept = new java.util.HashSet<>();
        wanted.forEach(m -> kept.add(m.teamId()));
        java.util.Set<String> leaving = new java.util.HashSet<>();
        selected.memberships().forEach(m -> {
            if (!kept.contains(m.teamId())) {
                leaving.add(m.teamId());
            }
        });
        List<OwnedKey> losing = leaving.isEmpty() ? List.of()
                : keys.live(selected.id()).stream().filter(k -> leaving.contains(k.teamId())).toList();
        if (!losing.isEmpty() && !losing.equals(keysLosingTeam)) {
            keysLosingTeam = losing;
            jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed(); // keeps the dialog open
            return;
        }
        save(wanted);
    }

    /** The second click, after the list of keys that leaving the team deactivates. */
    public void confirmRoles() {
        saveRoles();
    }

    public List<OwnedKey> getKeysLosingTeam() {
        return keysLosingTeam;
    }

    private List<MembershipRequest> wantedMemberships() {
        List<MembershipRequest> wanted = new ArrayList<>();
        editRoles.forEach((team, r) -> {
            if (r != null && !r.isBlank()) {
                wanted.add(new MembershipRequest(team, r));
            }
        });
        return wanted;
    }

    private void save(List<MembershipRequest> wanted) {
        boolean orgChanged = policy.mayChangeOrgRoles() && !java.util.Objects.equals(blank(editOrgRole), selected.orgRole());
        MemberView saved = FacesActions.run(() -> members.update(selected.id(), new UpdateMemberRequest(null, null,
                orgChanged ? java.util.Optional.ofNullable(blank(editOrgRole)) : null, null,
                java.util.Optional.of(wanted))), Map.of("org_role", "rolesForm:orgRole"));
        if (saved != null) {
            FacesActions.info("Roles of " + saved.username() + " saved." + (keysLosingTeam.isEmpty() ? ""
                    : " " + keysLosingTeam.size() + " key(s) deactivated: membership removed."));
            keysLosingTeam = List.of();
        }
    }

    /** Team roles as "Team: ROLE, …" for the table. */
    public String roles(MemberView member) {
        List<String> parts = new ArrayList<>();
        if (member.orgRole() != null) {
            parts.add(member.orgRole());
        }
        member.memberships().forEach(m -> parts.add(m.teamName() + ": " + m.role()
                + (MemberView.MembershipView.IDP.equals(m.source()) ? " (from IdP)" : "")));
        return parts.isEmpty() ? "no team yet" : String.join(", ", parts);
    }

    /** Whether the selected member's role in the team comes from the IdP's groups (then it is not editable here). */
    public boolean fromIdp(String teamId) {
        return selected != null && selected.memberships().stream()
                .anyMatch(m -> m.teamId().equals(teamId) && MemberView.MembershipView.IDP.equals(m.source()));
    }

    /** Whether {@link Members#offboard} would accept it: {@link MemberPolicy#mayOffboard}. */
    public boolean canOffboard(MemberView member) {
        return policy.mayOffboard(member.id(), member.orgRole() == null ? null : OrgRole.valueOf(member.orgRole()),
                member.memberships().stream().map(m -> m.teamId()).toList(), "active".equals(member.status()));
    }

    public boolean canEditRoles(MemberView member) {
        return policy.mayEditRoles("active".equals(member.status()));
    }

    public boolean isLocal() {
        return settings.mode() == AuthMode.LOCAL;
    }

    public boolean isCanCreate() {
        return policy.mayCreate();
    }

    /** The teams a new member may be put in by the caller ({@link MemberPolicy#mayManageTeam}). */
    public Map<String, String> getCreatableTeams() {
        Map<String, String> out = new LinkedHashMap<>();
        choices.getTeams().forEach((id, name) -> {
            if (policy.mayManageTeam(id)) {
                out.put(id, name);
            }
        });
        return out;
    }

    public LazyRows<MemberView> getRows() {
        return rows;
    }

    public Choices getChoices() {
        return choices;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public MemberView getSelected() {
        return selected;
    }

    public List<OwnedKey> getKeysToDeactivate() {
        return keysToDeactivate;
    }

    public String getOffboardReason() {
        return offboardReason;
    }

    public void setOffboardReason(String offboardReason) {
        this.offboardReason = offboardReason;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getOrgRole() {
        return orgRole;
    }

    public void setOrgRole(String orgRole) {
        this.orgRole = orgRole;
    }

    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getEditOrgRole() {
        return editOrgRole;
    }

    public void setEditOrgRole(String editOrgRole) {
        this.editOrgRole = editOrgRole;
    }

    public Map<String, String> getEditRoles() {
        return editRoles;
    }
}
