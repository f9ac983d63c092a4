package org.keygate.dashboard.boundary;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.access.boundary.Caller;
import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.boundary.KeyCriteria;
import org.keygate.keys.boundary.KeyView;
import org.keygate.monitoring.boundary.AcknowledgeRequest;
import org.keygate.monitoring.boundary.AlertView;
import org.keygate.monitoring.boundary.Alerts;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.team.boundary.Choices;
import org.keygate.team.boundary.Members;
import org.keygate.team.boundary.TeamView;
import org.keygate.team.boundary.Teams;
import org.keygate.usage.boundary.UsageQueries;

/**
 * {@code /admin/index.xhtml}: what needs attention, from the caller's point of view (a MEMBER sees
 * their own keys and teams), including open alerts, which can be acknowledged here. Spend and
 * calls today and the top keys come from the hourly roll-ups ({@link UsageQueries#today}), never
 * from the raw records, with the same visibility as the usage API.
 */
@Named
@RequestScoped
public class DashboardBacking {

    private static final int SHORT_LIST = 8;

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    @Inject
    Members members;

    @Inject
    Alerts alerts;

    @Inject
    Caller caller;

    @Inject
    UsageQueries usage;

    private List<TeamView> teamList;
    private long teamCount;
    private List<KeyView> rotationDue;
    private long rotationDueCount;
    private List<KeyView> deactivations;
    private long activeKeys;
    private long memberCount;
    private Choices choices;
    private List<AlertView> openAlerts;
    private long openAlertCount;
    private UsageQueries.Today today;

    @PostConstruct
    void load() {
        var teamPage = teams.list(new PageRequest(1, 50));
        teamList = teamPage.items();
        teamCount = teamPage.total();
        var due = keys.list(new KeyCriteria(null, null, null, null, null, "true"), "created_at", new PageRequest(1, SHORT_LIST));
        rotationDue = due.items();
        rotationDueCount = due.total();
        deactivations = keys.list(new KeyCriteria(null, null, null, null, "deactivated", null), "-deactivated_at",
                new PageRequest(1, SHORT_LIST)).items();
        activeKeys = keys.list(new KeyCriteria(null, null, null, null, "active", null), null, new PageRequest(1, 1)).total();
        memberCount = members.list(null, "active", new PageRequest(1, 1)).total();
        choices = Choices.load(teams, members);
        today = usage.today(SHORT_LIST);
        loadAlerts();
    }

    private void loadAlerts() {
        openAlerts = alerts.list("open", null, null, null, new PageRequest(1, SHORT_LIST)).items();
        openAlertCount = alerts.openCount();
    }

    /** Acknowledges an open alert through the same service as {@code POST /api/v1/alerts/{id}/acknowledge}. */
    public void acknowledge(String alertId) {
        if (FacesActions.run(() -> alerts.acknowledge(alertId, new AcknowledgeRequest(null)), java.util.Map.of()) != null) {
            FacesActions.info("Alert acknowledged.");
            loadAlerts();
        }
    }

    public List<AlertView> getOpenAlerts() {
        return openAlerts;
    }

    public long getOpenAlertCount() {
        return openAlertCount;
    }

    public UsageQueries.Today getToday() {
        return today;
    }

    public List<TeamView> getTeams() {
        return teamList;
    }

    public long getTeamCount() {
        return teamCount;
    }

    public List<KeyView> getRotationDue() {
        return rotationDue;
    }

    public long getRotationDueCount() {
        return rotationDueCount;
    }

    public List<KeyView> getDeactivations() {
        return deactivations;
    }

    public long getActiveKeys() {
        return activeKeys;
    }

    public long getMemberCount() {
        return memberCount;
    }

    public Choices getChoices() {
        return choices;
    }

    public boolean isNewcomer() {
        return activeKeys == 0;
    }

    public String getName() {
        return caller.username();
    }
}
