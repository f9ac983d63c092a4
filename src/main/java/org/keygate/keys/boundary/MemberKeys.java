package org.keygate.keys.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.platform.boundary.PageRequest;
import org.keygate.team.control.OwnedKeys;

/** A member's keys for offboarding (see {@link OwnedKeys}), through {@link ApiKeys}' own rules. */
@ApplicationScoped
public class MemberKeys implements OwnedKeys {

    @Inject
    ApiKeys keys;

    @Override
    public List<OwnedKey> live(String memberId) {
        return keys.list(new KeyCriteria(null, memberId, null, null, null, null), "name",
                new PageRequest(1, PageRequest.MAX_SIZE)).items().stream()
                .filter(k -> !"deactivated".equals(k.status()))
                .map(k -> new OwnedKey(k.id(), k.name(), k.display(), k.teamId())).toList();
    }

    @Override
    public List<String> deactivateAll(String memberId, String reason) {
        return keys.deactivateAllOwnedBy(memberId, null, reason);
    }

    @Override
    public List<String> deactivateAllIn(String memberId, String teamId, String reason) {
        return keys.deactivateAllOwnedBy(memberId, teamId, reason);
    }

    @Override
    public List<String> deactivateAllInBySystem(String memberId, String teamId, String actor, String reason) {
        return keys.deactivateAllOwnedBy(memberId, teamId, actor, null, reason);
    }
}
