package org.keygate.usage.entity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored usage record (docs/gateway.md), read-only to JPA: rows are inserted in batches by
 * {@code UsageBatchWriter} with plain JDBC and never changed.
 */
@Entity
@Table(name = "usage_record")
public class UsageRecord {

    @Id
    @Column(name = "request_id")
    private String requestId;
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "team_id")
    private String teamId;
    private String model;
    private String provider;
    private int status;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "input_tokens")
    private long inputTokens;
    @Column(name = "output_tokens")
    private long outputTokens;
    @Column(name = "cached_tokens")
    private long cachedTokens;
    @Column(name = "reasoning_tokens")
    private long reasoningTokens;
    @Column(name = "cost_usd")
    private BigDecimal costUsd;
    @Column(name = "latency_ms")
    private int latencyMs;
    @Column(name = "client_ip")
    private String clientIp;
    @Column(name = "started_at")
    private Instant startedAt;

    protected UsageRecord() {
    }

    public String getRequestId() {
        return requestId;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getModel() {
        return model;
    }

    public String getProvider() {
        return provider;
    }

    public int getStatus() {
        return status;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public long getInputTokens() {
        return inputTokens;
    }

    public long getOutputTokens() {
        return outputTokens;
    }

    public long getCachedTokens() {
        return cachedTokens;
    }

    public long getReasoningTokens() {
        return reasoningTokens;
    }

    public BigDecimal getCostUsd() {
        return costUsd;
    }

    public int getLatencyMs() {
        return latencyMs;
    }

    public String getClientIp() {
        return clientIp;
    }

    public Instant getStartedAt() {
        return startedAt;
    }
}
