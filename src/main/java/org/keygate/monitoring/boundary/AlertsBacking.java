package org.keygate.monitoring.boundary;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.boundary.KeyView;
import org.keygate.monitoring.control.NewIpDetector;
import org.keygate.monitoring.control.OffHoursDetector;
import org.keygate.monitoring.control.SpikeDetector;
import org.keygate.monitoring.control.UnexpectedModelDetector;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.LazyRows;
import org.keygate.platform.control.NotFound;
import org.keygate.team.boundary.Choices;
import org.keygate.team.boundary.Members;
import org.keygate.team.boundary.Teams;

/**
 * {@code /admin/alerts/list.xhtml}: the alerts the caller may see ({@link Alerts#list}, so a MEMBER
 * sees only their own keys' alerts), newest first, filtered and paged in the database, and
 * acknowledged through the same service as the API.
 */
@Named
@ViewScoped
public class AlertsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every detector that raises alerts, for the filter. */
    public static final List<String> DETECTORS = List.of(SpikeDetector.NAME, UnexpectedModelDetector.NAME,
            OffHoursDetector.NAME, NewIpDetector.NAME, AnomalyScan.ROTATION_DUE, LeakResponse.DETECTOR);

    @Inject
    Alerts alerts;

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    @Inject
    Members members;

    private Choices choices;
    private String state = "open";
    private String severity;
    private String detector;
    private String teamId;
    /** One database page per table page, under the filters above. */
    private final LazyRows<AlertView> rows = new LazyRows<>((page, sort) -> FacesActions.run(
            () -> alerts.list(blank(state), blank(teamId), null, blank(severity), blank(detector), page), Map.of()),
            AlertView::id);
    private final Map<String, String> keyNames = new HashMap<>();

    @PostConstruct
    void init() {
        choices = Choices.load(teams, members);
    }

    /** A filter changed: back to the first page of the new result. */
    public void filtered() {
        jakarta.faces.component.UIComponent table = jakarta.faces.context.FacesContext.getCurrentInstance()
                .getViewRoot().findComponent(":alertsForm:alerts");
        if (table instanceof org.primefaces.component.datatable.DataTable data) {
            data.setFirst(0);
        }
    }

    public void acknowledge(String alertId) {
        if (FacesActions.run(() -> alerts.acknowledge(alertId, new AcknowledgeRequest(null)), Map.of()) != null) {
            FacesActions.info("Alert acknowledged.");
        }
    }

    /** The key's name, or its id when the key is gone or not visible. */
    public String keyName(String keyId) {
        return keyNames.computeIfAbsent(keyId, id -> {
            try {
                KeyView key = keys.get(id);
                return key.name();
            } catch (NotFound e) {
                return id;
            }
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public LazyRows<AlertView> getRows() {
        return rows;
    }

    public Choices getChoices() {
        return choices;
    }

    public List<String> getDetectors() {
        return DETECTORS;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getDetector() {
        return detector;
    }

    public void setDetector(String detector) {
        this.detector = detector;
    }

    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }
}
