package org.keygate.keys.boundary;

/** {@code POST /api/v1/keys/{id}/deactivate}: the reason is required and kept with the key. */
public record DeactivateKeyRequest(String reason) {
}
