package org.keygate.usage.control;

/**
 * One gateway call as docs/gateway.md meters it, made on the request thread and written later in a
 * batch. Holds no prompt or completion text; cost in micro-USD, start time in epoch microseconds.
 */
public record UsageEvent(String requestId, String keyId, String teamId, String model, String provider, int status,
        String errorCode, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens,
        long costMicros, int latencyMs, String clientIp, long startedAtMicros) {
}
