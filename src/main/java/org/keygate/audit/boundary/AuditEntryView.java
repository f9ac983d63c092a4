package org.keygate.audit.boundary;

import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.keygate.audit.entity.AuditEntry;

/** An audit entry as the API shows it; before/after are embedded as JSON, not as strings. */
public record AuditEntryView(long seq, Instant at, String actor, String action, String targetType, String targetId,
        JsonValue before, JsonValue after, String sourceIp, String prevHash, String entryHash) {

    public static AuditEntryView from(AuditEntry e) {
        return new AuditEntryView(e.getSeq(), e.getAt(), e.getActor(), e.getAction(), e.getTargetType(),
                e.getTargetId(), parse(e.getBeforeJson()), parse(e.getAfterJson()), e.getSourceIp(), e.getPrevHash(),
                e.getEntryHash());
    }

    private static JsonValue parse(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readValue();
        }
    }
}
