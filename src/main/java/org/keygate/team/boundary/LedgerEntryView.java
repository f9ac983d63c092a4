package org.keygate.team.boundary;

import java.math.BigDecimal;
import java.time.Instant;

import org.keygate.team.entity.LedgerEntry;

public record LedgerEntryView(String id, String teamId, BigDecimal amount, String kind, String note,
        Instant createdAt, String createdBy) {

    public static LedgerEntryView from(LedgerEntry e) {
        return new LedgerEntryView(e.getId(), e.getTeamId(), e.getAmount().setScale(6), e.getKind().name().toLowerCase(),
                e.getNote(), e.getCreatedAt(), e.getCreatedBy());
    }
}
