package org.keygate.keys.boundary;

/**
 * A key together with its plaintext, as returned once by create and rotate. {@code key} is null
 * when an {@code Idempotency-Key} retry replays an earlier result.
 */
public record MintedKey(KeyView view, String key, boolean replayed) {
}
