package org.keygate.keys.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.keys.entity.IdempotencyRecord;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.Json;
import org.keygate.platform.control.Secrets;
import org.keygate.platform.control.Unprocessable;

/**
 * {@code Idempotency-Key} for create and rotate (docs/api.md): per caller and operation, the key a
 * request produced and a hash of its body, kept for {@link #KEPT}. A retry with the same body
 * answers that key again; the same Idempotency-Key with another body is refused. Runs in the
 * caller's transaction.
 */
@ApplicationScoped
public class Idempotency {

    public static final Duration KEPT = Duration.ofHours(24);
    public static final String HEADER = "Idempotency-Key";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Idempotency() {
    }

    Idempotency(Clock clock) {
        this.clock = clock;
    }

    /**
     * The id of the key an earlier request with this Idempotency-Key produced, if there was one;
     * refuses a malformed header, and a key reused with a different request body (422).
     */
    public Optional<String> earlierResult(String actorId, String operation, String idempotencyKey, Record request) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        check(idempotencyKey);
        List<IdempotencyRecord> found = em.createNamedQuery(IdempotencyRecord.FIND, IdempotencyRecord.class)
                .setParameter("actorId", actorId).setParameter("operation", operation)
                .setParameter("idemKey", idempotencyKey).getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of(keyOf(found.get(0), request));
    }

    /** Remembers what the request produced (nothing without an Idempotency-Key). */
    public void remember(String actorId, String operation, String idempotencyKey, Record request, String keyId) {
        if (idempotencyKey != null) {
            em.persist(record(actorId, operation, idempotencyKey, request, keyId));
            em.flush();
        }
    }

    /** Forgets what is older than {@link #KEPT}; answers how many records went. */
    public int purge() {
        return em.createNamedQuery(IdempotencyRecord.PURGE).setParameter("before", cutoff()).executeUpdate();
    }

    /** 1 to 255 visible ASCII characters. */
    static void check(String idempotencyKey) {
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInput(HEADER, "must be 1 to 255 visible ASCII characters");
        }
    }

    /** The earlier record's key, if it was made by the same request body. */
    static String keyOf(IdempotencyRecord earlier, Record request) {
        if (!earlier.getRequestHash().equals(fingerprint(request))) {
            throw new Unprocessable("idempotency_key_reused", HEADER,
                    "this Idempotency-Key was already used with a different request body");
        }
        return earlier.getKeyId();
    }

    /** SHA-256 of the request's JSON: the same request, the same fingerprint. */
    static String fingerprint(Record request) {
        return Secrets.sha256Hex(request == null ? "" : Json.write(request));
    }

    IdempotencyRecord record(String actorId, String operation, String idempotencyKey, Record request, String keyId) {
        return new IdempotencyRecord(Ids.next("idem_", clock), actorId, operation, idempotencyKey, fingerprint(request),
                keyId, Instant.now(clock));
    }

    Instant cutoff() {
        return Instant.now(clock).minus(KEPT);
    }
}
