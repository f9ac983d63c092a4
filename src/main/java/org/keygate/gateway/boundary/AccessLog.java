package org.keygate.gateway.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code keygate.log.access=true}: one record per gateway call, when it ends, on the logger
 * {@code org.keygate.access} — request id, key id, team id (never the key), endpoint, model,
 * status, outcome, latency and client address. In the server's log it is one line of
 * {@code key=value}s; with {@code keygate.log.format=json} each is a field of its own. Off by
 * default: a busy gateway writes thousands a second.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("org.keygate.access");

    @Inject
    @ConfigProperty(name = "keygate.log.access", defaultValue = "false")
    boolean enabled;

    boolean enabled() {
        return enabled;
    }

    void log(GatewayCall call, String outcome, long latencyMicros) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", call.requestId);
        fields.put("key_id", call.key == null ? null : call.key.id());
        fields.put("team_id", call.key == null ? null : call.key.teamId());
        fields.put("endpoint", call.endpoint);
        fields.put("model", call.model);
        fields.put("status", call.status);
        fields.put("outcome", outcome);
        fields.put("latency_ms", latencyMicros / 1000.0);
        fields.put("client_ip", call.clientIp);
        StringBuilder text = new StringBuilder("gateway call");
        fields.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        LOG.log(Level.INFO, text.toString(), new Object[] {fields});
    }
}
