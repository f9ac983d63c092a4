package org.keygate.usage.boundary;

import java.math.BigDecimal;
import java.time.Instant;

import org.keygate.usage.entity.UsageRecord;

/** One usage record as the API shows it: the fields of docs/gateway.md, cost as an exact 6-decimal USD amount. */
public record UsageRecordView(String requestId, String keyId, String teamId, String model, String provider, int status,
        String errorCode, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens,
        BigDecimal costUsd, int latencyMs, String clientIp, Instant startedAt) {

    public static UsageRecordView from(UsageRecord u) {
        return new UsageRecordView(u.getRequestId(), u.getKeyId(), u.getTeamId(), u.getModel(), u.getProvider(),
                u.getStatus(), u.getErrorCode(), u.getInputTokens(), u.getOutputTokens(), u.getCachedTokens(),
                u.getReasoningTokens(), u.getCostUsd().setScale(6), u.getLatencyMs(), u.getClientIp(), u.getStartedAt());
    }
}
