package org.keygate.audit.boundary;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.keygate.audit.control.AuditChain;
import org.keygate.audit.entity.AuditEntry;
import org.keygate.audit.entity.AuditHead;
import org.keygate.platform.control.Json;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when its
 * mutation committed. Before/after snapshots are the API views of the target (never a secret).
 */
@Stateless
public class AuditLog {

    public static final String SYSTEM = "system";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void record(String actor, String sourceIp, String action, String targetType, String targetId,
            Object before, Object after) {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        long seq = head.getLastSeq() + 1;
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String beforeJson = Json.write(before);
        String afterJson = Json.write(after);
        String hash = AuditChain.hash(head.getLastHash(), seq, at, actor, action, targetType, targetId,
                beforeJson, afterJson, sourceIp);
        em.persist(new AuditEntry(seq, at, actor, action, targetType, targetId, beforeJson, afterJson, sourceIp,
                head.getLastHash(), hash));
        head.advance(seq, hash);
    }
}
