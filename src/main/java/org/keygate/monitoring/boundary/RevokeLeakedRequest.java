package org.keygate.monitoring.boundary;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/keys/revoke-leaked}: plaintext strings someone found in the wild. */
public record RevokeLeakedRequest(
        @NotNull(message = KEYS) @Size(min = 1, max = MAX_KEYS, message = KEYS)
        List<@NotNull(message = "must not be null") String> keys) {

    static final int MAX_KEYS = 1000;
    static final String KEYS = "must list 1 to " + MAX_KEYS + " strings";
}
