package org.keygate.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's settings (docs/configuration.md), read once at start. */
@ApplicationScoped
public class GatewayConfig {

    @Inject
    @ConfigProperty(name = "keygate.gateway.default-rpm-limit", defaultValue = "60")
    int defaultRpmLimit;

    @Inject
    @ConfigProperty(name = "keygate.gateway.max-body-bytes", defaultValue = "1048576")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "keygate.gateway.upstream-connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "keygate.gateway.upstream-timeout-ms", defaultValue = "120000")
    long upstreamTimeoutMs;

    @Inject
    @ConfigProperty(name = "keygate.gateway.upstream-idle-timeout-ms", defaultValue = "120000")
    long upstreamIdleTimeoutMs;

    @Inject
    @ConfigProperty(name = "keygate.gateway.max-response-bytes", defaultValue = "16777216")
    int maxResponseBytes;

    @Inject
    @ConfigProperty(name = "keygate.gateway.key-cache-size", defaultValue = "100000")
    long keyCacheSize;

    /** 0: one per processor, at least 2. */
    @Inject
    @ConfigProperty(name = "keygate.gateway.relay-threads", defaultValue = "0")
    int relayThreads;

    public int defaultRpmLimit() {
        return defaultRpmLimit;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public long upstreamTimeoutMs() {
        return upstreamTimeoutMs;
    }

    /** The longest silence allowed while an upstream answer (JSON body or stream) is being read. */
    public long upstreamIdleTimeoutMs() {
        return upstreamIdleTimeoutMs;
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Threads on which the relay's HTTP client runs its callbacks (parsing and non-blocking writes only). */
    public int relayThreads() {
        return relayThreads > 0 ? relayThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public long keyCacheSize() {
        return keyCacheSize;
    }
}
