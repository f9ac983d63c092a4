package org.keygate.team.boundary;

import org.keygate.platform.boundary.OptionalBody;
import org.keygate.platform.control.Text;

/** {@code POST /api/v1/members/{id}/offboard}, body optional; the reason is added to each key's. */
@OptionalBody
public record OffboardRequest(@Text(max = 400) String reason) {
}
