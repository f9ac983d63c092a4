package org.keygate.team.boundary;

import org.keygate.platform.boundary.OptionalBody;

/** {@code POST /api/v1/members/{id}/offboard}, body optional. */
@OptionalBody
public record OffboardRequest(String reason) {
}
