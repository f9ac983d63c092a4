package org.keygate.monitoring.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.boundary.DeactivateKeyRequest;
import org.keygate.keys.boundary.KeyView;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.control.NotFound;
import org.keygate.team.boundary.Teams;

/**
 * {@code /admin/alerts/detail.xhtml?id=…}: one alert — what tripped it (the evidence as a table),
 * the key it concerns with a link to the key's page and usage, who acknowledged it, where its
 * webhook deliveries stand — and the incident actions: acknowledge, and deactivate the key through
 * {@link ApiKeys#deactivate}, so authorisation and the audit entry are those of the API. An alert
 * the caller may not see answers the 404 page.
 */
@Named
@ViewScoped
public class AlertBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One evidence field as the page shows it. */
    public record Evidence(String name, String value) implements Serializable {
    }

    @Inject
    Alerts alerts;

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    private String id;
    private AlertView alert;
    private KeyView key;
    private String teamName;
    private List<Evidence> evidence;
    private List<DeliveryView> deliveries;
    private String reason;

    /** f:viewAction: loads the alert, or ends with 404. */
    public void load() {
        if (id == null || id.isBlank()) {
            FacesActions.notFound();
            return;
        }
        alert = FacesActions.load(() -> alerts.get(id));
        if (alert == null) {
            return;
        }
        reason = Alerts.ANOMALY + " (alert " + alert.id() + ")";
        evidence = evidence(alert.evidence());
        refresh();
    }

    private void refresh() {
        alert = alerts.get(id);
        deliveries = alerts.deliveries(id);
        try {
            key = keys.get(alert.keyId());
        } catch (NotFound e) {
            key = null;
        }
        try {
            teamName = teams.get(alert.teamId()).name();
        } catch (NotFound e) {
            teamName = alert.teamId();
        }
    }

    public void acknowledge() {
        if (FacesActions.run(() -> alerts.acknowledge(id, new AcknowledgeRequest(null)), Map.of()) != null) {
            refresh();
            FacesActions.info("Alert acknowledged.");
        }
    }

    public void deactivateKey() {
        KeyView after = FacesActions.run(() -> keys.deactivate(alert.keyId(), new DeactivateKeyRequest(reason)),
                Map.of("reason", "deactivateForm:reason"));
        if (after != null) {
            refresh();
            FacesActions.info("The key is deactivated. The gateway refuses it from the next request.");
        }
    }

    /** The evidence object's fields in their order, values as text ("—" for null). */
    static List<Evidence> evidence(JsonValue json) {
        List<Evidence> out = new ArrayList<>();
        if (json instanceof JsonObject object) {
            object.forEach((name, value) -> out.add(new Evidence(label(name), text(value))));
        } else if (json != null) {
            out.add(new Evidence("evidence", text(json)));
        }
        return out;
    }

    /** {@code off_hours_calls} → "off hours calls". */
    static String label(String name) {
        return name.replace('_', ' ');
    }

    static String text(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> "—";
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString();
            default -> value.toString();
        };
    }

    public boolean isKeyActive() {
        return key != null && "active".equals(key.status());
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public AlertView getAlert() {
        return alert;
    }

    public KeyView getKey() {
        return key;
    }

    public String getTeamName() {
        return teamName;
    }

    public List<Evidence> getEvidence() {
        return evidence;
    }

    public List<DeliveryView> getDeliveries() {
        return deliveries;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
