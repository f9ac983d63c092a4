package org.keygate.team.control;

import java.util.List;

/**
 * What offboarding needs of a member's keys. Keys belong to members and teams, so the keys feature
 * depends on team; this seam keeps the arrow one-way: keys implements it, team only calls it.
 */
public interface OwnedKeys {

    /** The member's keys that still work, as far as the caller may see them, by name. */
    List<OwnedKey> live(String memberId);

    /** Deactivates every live key the member owns, with the reason in the audit log; their ids. */
    List<String> deactivateAll(String memberId, String reason);

    /** Deactivates the member's live keys in one team (they left it), with the reason in the audit log; their ids. */
    List<String> deactivateAllIn(String memberId, String teamId, String reason);

    /** The same, done by Keygate itself for {@code actor} (e.g. the identity provider's groups): no caller to check. */
    List<String> deactivateAllInBySystem(String memberId, String teamId, String actor, String reason);

    /** A key as the offboarding confirmation lists it: name and masked display form. */
    record OwnedKey(String id, String name, String display, String teamId) implements java.io.Serializable {
    }
}
