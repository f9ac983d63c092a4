package org.keygate.monitoring.boundary;

import org.keygate.platform.boundary.OptionalBody;

/** {@code POST /api/v1/alerts/{id}/acknowledge}, body optional. */
@OptionalBody
public record AcknowledgeRequest(String note) {
}
