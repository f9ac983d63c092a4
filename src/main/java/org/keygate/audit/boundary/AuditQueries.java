package org.keygate.audit.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.control.AuditChain;
import org.keygate.audit.entity.AuditEntry;
import org.keygate.audit.entity.AuditHead;
import org.keygate.platform.boundary.Listing;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.InvalidInput;

/** Reading and verifying the audit log; ORG_ADMIN and AUDITOR only. There is no way to edit it. */
@Stateless
public class AuditQueries {

    private static final int BATCH = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    /** Largest CSV export; a longer selection must be narrowed by its filters. */
    public static final int MAX_EXPORT = 100_000;

    public Page<AuditEntryView> list(String actor, String action, String targetType, String targetId, Instant from,
            Instant to, PageRequest page) {
        requireReader();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter(where, params, actor, action, targetType, targetId, from, to);
        return Listing.page(em, AuditEntry.class, "a", where, params, "a.seq DESC", page, AuditEntryView::from);
    }

    /** Every entry the filter selects, newest first, for the CSV export (docs/api.md: exportable). */
    public List<AuditEntryView> export(String actor, String action, String targetType, String targetId, Instant from,
            Instant to) {
        Page<AuditEntryView> all = list(actor, action, targetType, targetId, from, to, new PageRequest(1, MAX_EXPORT));
        if (all.total() > MAX_EXPORT) {
            throw new InvalidInput("to", "more than " + MAX_EXPORT + " entries: narrow the filter");
        }
        return all.items();
    }

    private static void filter(List<String> where, Map<String, Object> params, String actor, String action,
            String targetType, String targetId, Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInput("to", "must be after from");
        }
        add(where, params, "a.actor = :actor", "actor", actor);
        add(where, params, "a.action = :action", "action", action);
        add(where, params, "a.targetType = :targetType", "targetType", targetType);
        add(where, params, "a.targetId = :targetId", "targetId", targetId);
        add(where, params, "a.at >= :from", "from", from);
        add(where, params, "a.at < :to", "to", to);
    }

    /** Recomputes every entry's hash from its fields and its predecessor's hash, and checks the head. */
    public ChainVerification verify() {
        requireReader();
        String prev = AuditChain.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = em.createQuery("SELECT a FROM AuditEntry a WHERE a.seq >= :from ORDER BY a.seq",
                    AuditEntry.class).setParameter("from", expectedSeq).setMaxResults(BATCH).getResultList();
            for (AuditEntry e : batch) {
                if (e.getSeq() != expectedSeq) {
                    return new ChainVerification(false, checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!e.getPrevHash().equals(prev)) {
                    return new ChainVerification(false, checked, e.getSeq(), "entry does not link to its predecessor");
                }
                String hash = AuditChain.hash(e.getPrevHash(), e.getSeq(), e.getAt(), e.getActor(), e.getAction(),
                        e.getTargetType(), e.getTargetId(), e.getBeforeJson(), e.getAfterJson(), e.getSourceIp());
                if (!hash.equals(e.getEntryHash())) {
                    return new ChainVerification(false, checked, e.getSeq(), "entry content does not match its hash");
                }
                prev = hash;
                expectedSeq++;
                checked++;
            }
            if (batch.size() < BATCH) {
                break;
            }
            em.clear();
        }
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        if (head.getLastSeq() != checked || !head.getLastHash().equals(prev)) {
            return new ChainVerification(false, checked, checked + 1, "entries after " + checked + " are missing");
        }
        return new ChainVerification(true, checked, null, null);
    }

    private void requireReader() {
        if (!caller.readsEverything()) {
            throw new Forbidden("reading the audit log needs ORG_ADMIN or AUDITOR");
        }
    }

    private static void add(List<String> where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.add(clause);
            params.put(name, value);
        }
    }
}
