package org.keygate.monitoring.boundary;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.monitoring.control.Severity;
import org.keygate.monitoring.entity.Webhook;
import org.keygate.monitoring.entity.WebhookDelivery;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.ReportsInvalidInput;

/** Per-team alert webhooks and their delivery status; managed by the team's admins. */
@Stateless
@ReportsInvalidInput
public class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    WebhookTargetPolicy targets;

    public WebhookView create(String teamId, @NotNull @Valid CreateWebhookRequest request) {
        requireAdmin(teamId);
        String url = url(Input.text(request.url()));
        String refusal = targets.refusal(URI.create(url));
        if (refusal != null) {
            throw new InvalidInput("url", refusal);
        }
        String min = request.minSeverity() == null ? Severity.LOW.json() : severity(request.minSeverity());
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        Webhook hook = new Webhook(Ids.next("whk_", clock), teamId, url, "whsec_" + HexFormat.of().formatHex(secret), min,
                Instant.now(clock), caller.username());
        em.persist(hook);
        WebhookView view = WebhookView.from(hook, false);
        audit.record(caller.username(), caller.sourceIp(), "webhook.create", "webhook", hook.getId(), null, view);
        return WebhookView.from(hook, true);
    }

    public List<WebhookView> list(String teamId) {
        requireReader(teamId);
        return em.createQuery("SELECT w FROM Webhook w WHERE w.teamId = :team ORDER BY w.id", Webhook.class)
                .setParameter("team", teamId).getResultList().stream().map(w -> WebhookView.from(w, false)).toList();
    }

    /** Stops deliveries to the webhook; pending ones are given up. History stays. */
    public WebhookView deactivate(String id) {
        Webhook hook = find(id);
        requireAdmin(hook.getTeamId());
        WebhookView before = WebhookView.from(hook, false);
        hook.setActive(false);
        em.createQuery("UPDATE WebhookDelivery d SET d.status = 'failed', d.lastError = 'webhook deactivated',"
                + " d.nextAttemptAt = NULL WHERE d.webhookId = :id AND d.status = 'pending'").setParameter("id", id)
                .executeUpdate();
        WebhookView after = WebhookView.from(hook, false);
        audit.record(caller.username(), caller.sourceIp(), "webhook.deactivate", "webhook", id, before, after);
        return after;
    }

    public Page<DeliveryView> deliveries(String webhookId, PageRequest page) {
        requireReader(find(webhookId).getTeamId());
        List<DeliveryView> items = em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.webhookId = :id"
                + " ORDER BY d.createdAt DESC, d.id DESC", WebhookDelivery.class).setParameter("id", webhookId)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(DeliveryView::from).toList();
        long total = em.createQuery("SELECT COUNT(d) FROM WebhookDelivery d WHERE d.webhookId = :id", Long.class)
                .setParameter("id", webhookId).getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }

    private Webhook find(String id) {
        Webhook hook = em.find(Webhook.class, id);
        if (hook == null || !caller.canReadTeam(hook.getTeamId())) {
            throw new NotFound("webhook", id);
        }
        return hook;
    }

    /** Webhooks are the team admins' business; an AUDITOR reads them too (never their secrets). */
    private void requireReader(String teamId) {
        if (em.find(Team.class, teamId) == null || !caller.canReadTeam(teamId)) {
            throw new NotFound("team", teamId);
        }
        if (!caller.isTeamAdmin(teamId) && !caller.readsEverything()) {
            throw new Forbidden("webhooks need TEAM_ADMIN of the team or ORG_ADMIN");
        }
    }

    private void requireAdmin(String teamId) {
        requireReader(teamId);
        caller.requireWriter();
        if (!caller.isTeamAdmin(teamId)) {
            throw new Forbidden("webhooks need TEAM_ADMIN of the team or ORG_ADMIN");
        }
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new InvalidInput("url", "must be an absolute http(s) URL without credentials");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "must be an absolute http(s) URL without credentials");
        }
    }

    /** A valid {@code min_severity} (see {@link CreateWebhookRequest}) as stored. */
    private static String severity(String value) {
        return Severity.valueOf(value.toUpperCase(Locale.ROOT)).json();
    }
}
