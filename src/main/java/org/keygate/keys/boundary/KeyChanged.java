package org.keygate.keys.boundary;

/**
 * Fired for every change to a key (create, update, deactivate, rotate, delete, offboard, rotation
 * end). The gateway observes it after commit to drop the key from its cache, so a change is
 * visible on the very next request (docs/gateway.md).
 */
public record KeyChanged(String keyId, String keyHash) {
}
