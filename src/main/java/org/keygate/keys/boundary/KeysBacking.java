package org.keygate.keys.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.access.boundary.Caller;
import org.keygate.keys.control.KeyAccess;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.LazyRows;
import org.keygate.team.boundary.Choices;
import org.keygate.team.boundary.Members;
import org.keygate.team.boundary.Teams;

/**
 * {@code /admin/keys/list.xhtml}: the keys the caller may see ({@link ApiKeys#list}, so a MEMBER
 * sees only their own), filtered and sorted in the database page by page, and the create dialog
 * that shows the new key's plaintext once.
 */
@Named
@ViewScoped
public class KeysBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("team_id", "createForm:team", "owner_id",
            "createForm:owner", "name", "createForm:name", "group", "createForm:group", "project",
            "createForm:project", "allowed_models", "createForm:allowedModels", "ip_whitelist",
            "createForm:ipWhitelist", "rpm_limit", "createForm:rpmLimit", "daily_limit", "createForm:dailyLimit",
            "expires_at", "createForm:expiresOn");

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    @Inject
    Members members;

    @Inject
    Caller caller;

    @Inject
    KeyAccess access;

    @Inject
    OneTimeKey oneTimeKey;

    private Choices choices;
    private String teamId;
    private String ownerId;
    private String group;
    private String project;
    private String status;
    /** One database page per table page, the table's sort mapped to the API's sort names. */
    private final LazyRows<KeyView> rows = new LazyRows<>((page, sort) -> FacesActions.run(
            () -> keys.list(filter(), sort == null ? null : snake(sort), page), Map.of()), KeyView::id);

    private String createTeamId;
    private String createOwnerId;
    private KeyForm form = new KeyForm();
    private String idempotencyKey;
    private KeyView created;

    @PostConstruct
    void init() {
        choices = Choices.load(teams, members);
        newKey();
    }

    /** Opens a fresh create dialog; its idempotency key makes a double-submitted create mint one key. */
    public void newKey() {
        form = new KeyForm();
        created = null;
        idempotencyKey = UUID.randomUUID().toString();
        List<String> mine = List.copyOf(caller.teamIds());
        createTeamId = !mine.isEmpty() ? mine.get(0) : choices.teamIds().isEmpty() ? null : choices.teamIds().get(0);
        createOwnerId = caller.memberId();
    }

    public void create() {
        MintedKey minted = FacesActions.run(() -> keys.create(form.toCreate(createTeamId, createOwnerId), idempotencyKey), FIELDS);
        if (minted != null) {
            created = minted.view();
            oneTimeKey.set(minted.key());
        }
    }

    /** Closes the dialog; the plaintext is gone with the request that showed it. */
    public void done() {
        newKey();
    }

    /** A filter changed: back to the first page of the new result. */
    public void filtered() {
        jakarta.faces.component.UIComponent table = jakarta.faces.context.FacesContext.getCurrentInstance()
                .getViewRoot().findComponent(":keysForm:keys");
        if (table instanceof org.primefaces.component.datatable.DataTable data) {
            data.setFirst(0);
        }
    }

    public KeyCriteria filter() {
        return new KeyCriteria(blank(teamId), blank(ownerId), blank(group), blank(project), blank(status), null);
    }

    /** {@code -lastUsedAt} → {@code -last_used_at}: the table's field names to the API's sort names. */
    static String snake(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public LazyRows<KeyView> getRows() {
        return rows;
    }

    public Choices getChoices() {
        return choices;
    }

    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCreateTeamId() {
        return createTeamId;
    }

    public void setCreateTeamId(String createTeamId) {
        this.createTeamId = createTeamId;
    }

    public String getCreateOwnerId() {
        return createOwnerId;
    }

    public void setCreateOwnerId(String createOwnerId) {
        this.createOwnerId = createOwnerId;
    }

    public KeyForm getForm() {
        return form;
    }

    public KeyView getCreated() {
        return created;
    }

    /** Whether the caller may pick another owner: the key service's rule ({@link KeyAccess#mayChooseOwner}). */
    public boolean isChoosesOwner() {
        return access.mayChooseOwner();
    }
}
