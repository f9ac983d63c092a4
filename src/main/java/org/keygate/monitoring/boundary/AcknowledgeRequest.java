package org.keygate.monitoring.boundary;

import org.keygate.platform.boundary.OptionalBody;
import org.keygate.platform.control.Text;

/** {@code POST /api/v1/alerts/{id}/acknowledge}, body optional; the note goes into the audit log. */
@OptionalBody
public record AcknowledgeRequest(@Text(max = 500) String note) {
}
