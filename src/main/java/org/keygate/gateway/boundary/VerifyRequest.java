package org.keygate.gateway.boundary;

/** {@code POST /api/v1/verify}: a plaintext key to check, optionally for a model and a client IP. */
public record VerifyRequest(String key, String model, String ip) {
}
