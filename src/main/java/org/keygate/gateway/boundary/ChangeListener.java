package org.keygate.gateway.boundary;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.keygate.catalog.boundary.CatalogChanged;
import org.keygate.gateway.control.SpendGuard;
import org.keygate.keys.boundary.KeyChanged;
import org.keygate.team.boundary.TeamChanged;
import org.keygate.usage.boundary.UsageFlushed;

/**
 * Connects the management side to the gateway's memory. Changes are applied after their
 * transaction commits (a rolled-back change must not reach the cache) and before the admin's
 * call returns, so the very next gateway call sees them (docs/gateway.md: no TTL window).
 */
@ApplicationScoped
public class ChangeListener {

    @Inject
    KeyInvalidation invalidation;

    @Inject
    SpendGuard spend;

    void onKey(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyChanged change) {
        invalidation.keyChanged(change.keyHash());
    }

    void onTeam(@Observes(during = TransactionPhase.AFTER_SUCCESS) TeamChanged change) {
        invalidation.teamChanged(change.teamId());
    }

    void onCatalog(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged change) {
        invalidation.catalogChanged();
    }

    /** Synchronous, inside the usage writer's flush lock, right after its commit. */
    void onFlush(@Observes UsageFlushed flushed) {
        for (Map.Entry<String, Long> debit : flushed.debitedMicrosByTeam().entrySet()) {
            spend.ledgerDebited(debit.getKey(), debit.getValue());
        }
    }
}
