package org.keygate.team.boundary;

import java.util.List;

/** The offboarded member and the ids of the keys that were deactivated with them. */
public record OffboardView(MemberView member, List<String> deactivatedKeyIds) {
}
