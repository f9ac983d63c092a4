package org.keygate.keys.boundary;

import org.keygate.platform.control.Text;

/** {@code POST /api/v1/keys/{id}/deactivate}: the reason is required and kept with the key. */
public record DeactivateKeyRequest(@Text(max = 500, required = true) String reason) {
}
