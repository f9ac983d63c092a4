package org.keygate.keys.boundary;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.control.NotFound;
import org.keygate.team.boundary.Choices;
import org.keygate.team.boundary.Members;
import org.keygate.team.boundary.Teams;

/**
 * {@code /admin/keys/detail.xhtml?id=…}: one key — its settings form, last use, rotation (with
 * both keys' last use while the rotation is open; or, after a leak, rotation that stops the old
 * key at once) and deactivation. Its usage section is {@code KeyUsageBacking}'s. A key the caller may not see
 * answers the 404 page, exactly like one that does not exist.
 */
@Named
@ViewScoped
public class KeyBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("name", "settings:name", "group", "settings:group",
            "project", "settings:project", "allowed_models", "settings:allowedModels", "ip_whitelist",
            "settings:ipWhitelist", "rpm_limit", "settings:rpmLimit", "daily_limit", "settings:dailyLimit",
            "expires_at", "settings:expiresOn");

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    @Inject
    Members members;

    @Inject
    OneTimeKey oneTimeKey;

    private String id;
    private KeyView key;
    private KeyView predecessor;
    private KeyView successor;
    private Choices choices;
    private KeyForm form;
    private String reason;
    private long graceSeconds = 86_400;
    private String rotateIdempotencyKey;
    private KeyView rotated;
    private boolean rotatedNow;

    /** f:viewAction: loads the key, or ends with 404. */
    public void load() {
        if (id == null || id.isBlank()) {
            FacesActions.notFound();
            return;
        }
        key = FacesActions.load(() -> keys.get(id));
        if (key == null) {
            return;
        }
        choices = Choices.load(teams, members);
        form = KeyForm.of(key);
        rotateIdempotencyKey = UUID.randomUUID().toString();
        related();
    }

    private void related() {
        predecessor = key.rotatedFrom() == null ? null : quietly(key.rotatedFrom());
        successor = key.rotatedTo() == null ? null : quietly(key.rotatedTo());
    }

    private KeyView quietly(String otherId) {
        try {
            return keys.get(otherId);
        } catch (NotFound e) {
            return null;
        }
    }

    private void reload() {
        key = keys.get(id);
        form = KeyForm.of(key);
        related();
    }

    public void save() {
        KeyView saved = FacesActions.run(() -> keys.update(id, form.toUpdate()), FIELDS);
        if (saved != null) {
            key = saved;
            form = KeyForm.of(key);
            FacesActions.info("Settings saved. They apply from the next request.");
        }
    }

    public void rotate() {
        MintedKey minted = FacesActions.run(() -> keys.rotate(id, new RotateKeyRequest(graceSeconds), rotateIdempotencyKey),
                Map.of("old_key_expires_in", "rotateForm:grace"));
        if (minted != null) {
            rotated = minted.view();
            oneTimeKey.set(minted.key());
            reload();
        }
    }

    /**
     * The incident flow: rotate with {@code old_key_expires_in = 0} through the same service call as
     * {@code POST /api/v1/keys/{id}/rotate}, so the old key stops at once and its successor, with the
     * same settings, is shown once in the rotate dialog.
     */
    public void rotateNow() {
        MintedKey minted = FacesActions.run(() -> keys.rotate(id, new RotateKeyRequest(0L), UUID.randomUUID().toString()),
                Map.of());
        if (minted != null) {
            rotated = minted.view();
            rotatedNow = true;
            oneTimeKey.set(minted.key());
            reload();
        } else {
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    public void closeRotated() {
        rotated = null;
        rotatedNow = false;
        rotateIdempotencyKey = UUID.randomUUID().toString();
    }

    public void finishRotation() {
        if (FacesActions.run(() -> keys.finishRotation(id), Map.of()) != null) {
            reload();
            FacesActions.info("Rotation finished: the old key is deactivated.");
        }
    }

    public void deactivate() {
        KeyView after = FacesActions.run(() -> keys.deactivate(id, new DeactivateKeyRequest(reason)),
                Map.of("reason", "deactivateForm:reason"));
        if (after != null) {
            reason = null;
            reload();
            FacesActions.info("The key is deactivated. The gateway refuses it from the next request.");
        }
    }

    public void delete() throws IOException {
        if (FacesActions.run(() -> keys.delete(id), Map.of())) {
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            FacesActions.info("Key deleted.");
            FacesContext.getCurrentInstance().getExternalContext().redirect("list.xhtml");
        }
    }

    /** A rotation is open while the old key of the pair still works. */
    public boolean isRotationOpen() {
        KeyView old = key.rotatedTo() != null ? key : predecessor;
        return old != null && old.rotatedTo() != null && "active".equals(old.status());
    }

    public boolean isActive() {
        return key != null && "active".equals(key.status());
    }

    public boolean isDeactivated() {
        return key != null && "deactivated".equals(key.status());
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public KeyView getKey() {
        return key;
    }

    public KeyView getPredecessor() {
        return predecessor;
    }

    public KeyView getSuccessor() {
        return successor;
    }

    public Choices getChoices() {
        return choices;
    }

    public KeyForm getForm() {
        return form;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public long getGraceSeconds() {
        return graceSeconds;
    }

    public void setGraceSeconds(long graceSeconds) {
        this.graceSeconds = graceSeconds;
    }

    public boolean isRotatedNow() {
        return rotatedNow;
    }

    public KeyView getRotated() {
        return rotated;
    }
}
