package org.keygate.gateway.control;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.keygate.catalog.control.ModelPatterns;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.control.ClientIp;
import org.keygate.platform.control.IpRange;

/**
 * An immutable snapshot of one key and the team settings its checks need, as the key cache holds
 * it: whitelist parsed once, effective rpm limit resolved once (key, then team default, then the
 * deployment default), times as epoch milliseconds. Status is computed against the clock on every
 * call, so expiry and the end of a rotation grace period need no cache invalidation. The
 * {@link Stamp} says which shared generations the snapshot was read at (several nodes).
 */
public record GatewayKey(String id, String name, String teamId, String keyPrefix, String last4, String group,
        String project, boolean deactivated, Instant rotationEndsAt, Instant expiresAt, List<String> allowedModels,
        List<String> ipWhitelist, IpRange[] whitelist, int rpmLimit, String rpmSource, BigDecimal dailyLimit,
        Budget budget, String billing, Stamp stamp) {

    public KeyStatus statusAt(long nowMillis) {
        if (deactivated || (rotationEndsAt != null && rotationEndsAt.toEpochMilli() <= nowMillis)) {
            return KeyStatus.DEACTIVATED;
        }
        if (expiresAt != null && expiresAt.toEpochMilli() <= nowMillis) {
            return KeyStatus.EXPIRED;
        }
        return KeyStatus.ACTIVE;
    }

    /** Empty whitelist = any address; an address that is not an IP literal matches nothing. */
    public boolean allowsIp(String clientIp) {
        if (whitelist.length == 0) {
            return true;
        }
        byte[] address = ClientIp.bytes(clientIp);
        if (address == null) {
            return false;
        }
        for (IpRange range : whitelist) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean allowsModel(String model) {
        return ModelPatterns.allows(allowedModels, model);
    }

    /** {@code ck-a1B2…x9Yz}: the only form of a key that is ever shown or logged. */
    public String display() {
        return keyPrefix + "…" + last4;
    }
}
