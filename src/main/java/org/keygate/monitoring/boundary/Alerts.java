package org.keygate.monitoring.boundary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.entity.ApiKey;
import org.keygate.monitoring.control.Finding;
import org.keygate.monitoring.control.Severity;
import org.keygate.monitoring.entity.Alert;
import org.keygate.monitoring.entity.AlertPolicy;
import org.keygate.monitoring.entity.Webhook;
import org.keygate.monitoring.entity.WebhookDelivery;
import org.keygate.platform.boundary.Listing;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.Json;
import org.keygate.platform.control.NotFound;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * Alerts (docs/alerts.md): raised once per anomaly, queued for the team's webhooks, optionally
 * deactivating the key when critical; listed and acknowledged by the people who may see the key.
 */
@Stateless
@ReportsInvalidInput
public class Alerts {

    public static final String ANOMALY = "anomaly";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    ApiKeys keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keygate.public-url", defaultValue = "http://localhost:8080/")
    String publicUrl;

    /**
     * Raises the finding unless its fingerprint was raised before. The scan calls it outside any
     * transaction, so each finding commits alone and a race with another node (the unique
     * fingerprint) costs only that finding.
     */
    public Optional<AlertView> raise(Finding finding) {
        if (!em.createNamedQuery(Alert.BY_FINGERPRINT, Alert.class).setParameter("fingerprint", finding.fingerprint())
                .getResultList().isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = em.find(ApiKey.class, finding.keyId());
        if (key == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Alert alert = new Alert(Ids.next("alr_", clock), key.getId(), key.getTeamId(), finding.detector(),
                finding.severity().json(), truncate(finding.summary(), 500), Json.write(finding.evidence()),
                truncate(finding.fingerprint(), 400), now);
        em.persist(alert);
        em.flush();
        AlertPolicy policy = em.find(AlertPolicy.class, key.getTeamId());
        // an exposed key is as urgent as a critical finding: the policy deactivates it too
        boolean exposed = ExposedKeyAlerts.DETECTOR.equals(finding.detector());
        if ((finding.severity() == Severity.CRITICAL || exposed) && policy != null && policy.isDeactivateOnCritical()
                && keys.deactivateBySystem(key.getId(), AuditLog.SYSTEM, exposed ? "key exposed in a URL" : ANOMALY)) {
            alert.setActionTaken("key deactivated (team policy: deactivate on critical alerts and exposed keys)");
        }
        List<Webhook> hooks = em.createQuery("SELECT w FROM Webhook w WHERE w.teamId = :team AND w.active = TRUE",
                Webhook.class).setParameter("team", key.getTeamId()).getResultList();
        for (Webhook hook : hooks) {
            if (Severity.valueOf(hook.getMinSeverity().toUpperCase()).compareTo(finding.severity()) <= 0) {
                em.persist(new WebhookDelivery(Ids.next("dlv_", clock), hook.getId(), alert.getId(), now));
            }
        }
        AlertView view = AlertView.from(alert, publicUrl);
        audit.record(AuditLog.SYSTEM, null, "alert.raise", "alert", alert.getId(), null, view);
        return Optional.of(view);
    }

    public Page<AlertView> list(String state, String teamId, String keyId, String severity, PageRequest page) {
        return list(state, teamId, keyId, severity, null, page);
    }

    /** Alerts the caller may see, newest first; every filter is optional. */
    public Page<AlertView> list(String state, String teamId, String keyId, String severity, String detector,
            PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        visibility(where, params);
        if (state != null) {
            switch (state) {
                case "open" -> where.add("a.acknowledgedAt IS NULL");
                case "acknowledged" -> where.add("a.acknowledgedAt IS NOT NULL");
                default -> throw new InvalidInput("state", "must be open or acknowledged");
            }
        }
        if (teamId != null) {
            where.add("a.teamId = :teamId");
            params.put("teamId", teamId);
        }
        if (keyId != null) {
            where.add("a.keyId = :keyId");
            params.put("keyId", keyId);
        }
        if (severity != null) {
            try {
                params.put("severity", Severity.valueOf(severity.toUpperCase()).json());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("severity", "must be low, medium, high or critical");
            }
            where.add("a.severity = :severity");
        }
        if (detector != null) {
            where.add("a.detector = :detector");
            params.put("detector", detector);
        }
        return Listing.page(em, Alert.class, "a", where, params, "a.createdAt DESC, a.id DESC", page,
                a -> AlertView.from(a, publicUrl));
    }

    /** Open alerts the caller can see: the dashboard's count. */
    public long openCount() {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        visibility(where, params);
        where.add("a.acknowledgedAt IS NULL");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM Alert a WHERE " + String.join(" AND ", where),
                Long.class);
        params.forEach(count::setParameter);
        return count.getSingleResult();
    }

    public AlertView get(String id) {
        return AlertView.from(visible(id), publicUrl);
    }

    /**
     * Where the alert's webhook deliveries stand. Webhooks are the team admins' business, so a
     * MEMBER who may see the alert gets an empty list.
     */
    public List<DeliveryView> deliveries(String id) {
        Alert alert = visible(id);
        if (!caller.readsEverything() && !caller.isTeamAdmin(alert.getTeamId())) {
            return List.of();
        }
        return em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.alertId = :alert ORDER BY d.createdAt, d.id",
                WebhookDelivery.class).setParameter("alert", alert.getId()).getResultList().stream()
                .map(DeliveryView::from).toList();
    }

    public AlertView acknowledge(String id, @Valid AcknowledgeRequest request) {
        Alert alert = visible(id);
        caller.requireWriter();
        if (alert.getAcknowledgedAt() != null) {
            throw new Conflict("already_acknowledged", "the alert was acknowledged by " + alert.getAcknowledgedBy());
        }
        String note = request == null ? null : Input.text(request.note());
        AlertView before = AlertView.from(alert, publicUrl);
        alert.acknowledge(Instant.now(clock), caller.username());
        em.flush();
        AlertView after = AlertView.from(alert, publicUrl);
        audit.record(caller.username(), caller.sourceIp(), "alert.acknowledge", "alert", id, before,
                note == null ? after : Map.of("alert", after, "note", note));
        return after;
    }

    public boolean deactivateOnCritical(String teamId) {
        requireTeamVisible(teamId);
        AlertPolicy policy = em.find(AlertPolicy.class, teamId);
        return policy != null && policy.isDeactivateOnCritical();
    }

    public boolean setDeactivateOnCritical(String teamId, @NotNull @Valid AlertPolicyRequest request) {
        requireTeamVisible(teamId);
        caller.requireWriter();
        if (!caller.isTeamAdmin(teamId)) {
            throw new Forbidden("the alert policy needs TEAM_ADMIN of the team or ORG_ADMIN");
        }
        AlertPolicy policy = em.find(AlertPolicy.class, teamId);
        boolean before = policy != null && policy.isDeactivateOnCritical();
        if (policy == null) {
            em.persist(new AlertPolicy(teamId, request.deactivateOnCritical()));
        } else {
            policy.setDeactivateOnCritical(request.deactivateOnCritical());
        }
        audit.record(caller.username(), caller.sourceIp(), "team.alert_policy", "team", teamId,
                Map.of("deactivate_on_critical", before), Map.of("deactivate_on_critical", request.deactivateOnCritical()));
        return request.deactivateOnCritical();
    }

    private void requireTeamVisible(String teamId) {
        if (em.find(Team.class, teamId) == null || !caller.canReadTeam(teamId)) {
            throw new NotFound("team", teamId);
        }
    }

    private Alert visible(String id) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null || !canSee(alert)) {
            throw new NotFound("alert", id);
        }
        return alert;
    }

    private boolean canSee(Alert alert) {
        if (caller.readsEverything() || caller.isTeamAdmin(alert.getTeamId())) {
            return true;
        }
        ApiKey key = em.find(ApiKey.class, alert.getKeyId());
        return key != null && caller.memberId().equals(key.getOwnerId());
    }

    private void visibility(List<String> where, Map<String, Object> params) {
        if (caller.readsEverything()) {
            return;
        }
        Set<String> teams = caller.adminTeamIds();
        String own = "EXISTS (SELECT k FROM ApiKey k WHERE k.id = a.keyId AND k.ownerId = :self)";
        if (teams.isEmpty()) {
            where.add(own);
        } else {
            where.add("(a.teamId IN :adminTeams OR " + own + ")");
            params.put("adminTeams", teams);
        }
        params.put("self", caller.memberId());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
