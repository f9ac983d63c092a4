package org.keygate.usage.boundary;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.keys.entity.ApiKey;
import org.keygate.platform.boundary.Caller;
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

    public Page<UsageRecordView> ofKey(String keyId, PageRequest page) {
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidInput("key_id", "is required");
        }
        ApiKey key = em.find(ApiKey.class, keyId);
        boolean visible = caller.readsEverything() || (key != null
                && (caller.memberId().equals(key.getOwnerId()) || caller.isTeamAdmin(key.getTeamId())));
        if (!visible) {
            throw new NotFound("key", keyId);
        }
        List<UsageRecordView> items = em.createNamedQuery(UsageRecord.BY_KEY,
                UsageRecord.class).setParameter("keyId", keyId)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(UsageRecordView::from).toList();
        long total = em.createNamedQuery(UsageRecord.COUNT_BY_KEY, Long.class)
                .setParameter("keyId", keyId).getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }
}
