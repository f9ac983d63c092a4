package org.keygate.monitoring.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.boundary.Caller;
import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.control.KeyMint;
import org.keygate.keys.entity.ApiKey;
import org.keygate.monitoring.control.Finding;
import org.keygate.monitoring.control.Severity;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * The leaked-key response of docs/alerts.md, GitHub secret-scanning style: every reported string is
 * hashed (the plaintext goes nowhere else), live keys among them are deactivated with reason
 * {@code leaked} and raise a critical alert.
 */
@Stateless
@ReportsInvalidInput
public class LeakResponse {

    public static final String DETECTOR = "leaked_key";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApiKeys keys;

    @Inject
    Alerts alerts;

    public RevokedView revoke(@NotNull @Valid RevokeLeakedRequest request) {
        caller.requireService();
        List<String> reported = request.keys();
        List<RevokedView.Revoked> revoked = new ArrayList<>();
        for (int i = 0; i < reported.size(); i++) {
            String candidate = reported.get(i).strip();
            if (!KeyMint.isWellFormed(candidate)) {
                continue;
            }
            List<ApiKey> found = em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class)
                    .setParameter("hash", KeyMint.hash(candidate)).getResultList();
            if (found.isEmpty()) {
                continue;
            }
            ApiKey key = found.get(0);
            if (!keys.deactivateBySystem(key.getId(), "leak-report:" + caller.username(), "leaked")) {
                continue;
            }
            String alertId = alerts.raise(new Finding(DETECTOR, Severity.CRITICAL, key.getId(),
                    DETECTOR + ":" + key.getId(), "key " + key.getKeyPrefix() + "…" + key.getLast4()
                            + " was reported as leaked and has been deactivated",
                    Map.of("reported_by", caller.username(), "key_prefix", key.getKeyPrefix())))
                    .map(AlertView::id).orElse(null);
            revoked.add(new RevokedView.Revoked(i, key.getId(), key.getKeyPrefix(), key.getTeamId(), alertId));
        }
        return new RevokedView(reported.size(), revoked);
    }
}
