package org.keygate.monitoring.boundary;

import java.util.List;

/** {@code POST /api/v1/keys/revoke-leaked}: plaintext strings someone found in the wild. */
public record RevokeLeakedRequest(List<String> keys) {
}
