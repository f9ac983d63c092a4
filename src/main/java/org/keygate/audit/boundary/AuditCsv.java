package org.keygate.audit.boundary;

import java.util.List;

import org.keygate.platform.control.Csv;

/** The audit log as CSV, written once for {@code GET /api/v1/audit?format=csv} and the audit page's export link. */
public final class AuditCsv {

    public static final String FILE_NAME = "audit-log.csv";

    private AuditCsv() {
    }

    public static String entries(List<AuditEntryView> entries) {
        Csv csv = Csv.withHeader("seq", "at", "actor", "action", "target_type", "target_id", "source_ip", "before",
                "after", "prev_hash", "entry_hash");
        for (AuditEntryView e : entries) {
            csv.row(e.seq(), e.at(), e.actor(), e.action(), e.targetType(), e.targetId(), e.sourceIp(),
                    json(e.before()), json(e.after()), e.prevHash(), e.entryHash());
        }
        return csv.toString();
    }

    private static String json(jakarta.json.JsonValue value) {
        return value == null || value == jakarta.json.JsonValue.NULL ? null : value.toString();
    }
}
