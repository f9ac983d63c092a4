package org.keygate.usage.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.keygate.access.boundary.Caller;
import org.keygate.keys.entity.ApiKey;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.usage.entity.UsageRecord;

/**
 * Raw usage records of one key, newest first, with the key's visibility rules: its owner, the
 * team's admins, ORG_ADMIN and AUDITOR. Records of a deleted key stay readable to the latter two.
 */
@Stateless
public class UsageRecords {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    /** Largest CSV export; a longer window must be narrowed (or read page by page as JSON). */
    public static final int MAX_EXPORT = 100_000;

    /** One page of the key's records, optionally within [{@code from}, {@code to}). */
    public Page<UsageRecordView> ofKey(String keyId, Instant from, Instant to, PageRequest page) {
        // count first: records only ever get added, so the page read after it is never behind its total
        long total = query(keyId, from, to, Long.class, "COUNT(u)").getSingleResult();
        List<UsageRecordView> items = query(keyId, from, to, UsageRecord.class, "u").setFirstResult(page.offset())
                .setMaxResults(page.size()).getResultList().stream().map(UsageRecordView::from).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** Every record of the key in the window, for the CSV export of an incident's suspicious window. */
    public List<UsageRecordView> export(String keyId, Instant from, Instant to) {
        List<UsageRecord> rows = query(keyId, from, to, UsageRecord.class, "u").setMaxResults(MAX_EXPORT + 1)
                .getResultList();
        if (rows.size() > MAX_EXPORT) {
            throw new InvalidInput("to", "more than " + MAX_EXPORT + " records: narrow the window");
        }
        return rows.stream().map(UsageRecordView::from).toList();
    }

    private <T> TypedQuery<T> query(String keyId, Instant from, Instant to, Class<T> type, String select) {
        requireVisible(keyId);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInput("to", "must be after from");
        }
        String jpql = "SELECT " + select + " FROM UsageRecord u WHERE u.keyId = :keyId"
                + (from == null ? "" : " AND u.startedAt >= :from") + (to == null ? "" : " AND u.startedAt < :to")
                // key first although it is fixed: so the order is the index's (V13) and H2 reads only the page
                + (type == Long.class ? "" : " ORDER BY u.keyId, u.startedAt DESC, u.requestId DESC");
        TypedQuery<T> query = em.createQuery(jpql, type).setParameter("keyId", keyId);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return query;
    }

    private void requireVisible(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidInput("key_id", "is required");
        }
        ApiKey key = em.find(ApiKey.class, keyId);
        boolean visible = caller.readsEverything() || (key != null
                && (caller.memberId().equals(key.getOwnerId()) || caller.isTeamAdmin(key.getTeamId())));
        if (!visible) {
            throw new NotFound("key", keyId);
        }
    }
}
