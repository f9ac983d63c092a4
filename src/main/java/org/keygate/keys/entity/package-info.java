/**
 * The stored key (hash and display parts, never the plaintext; rotation links) and the idempotency
 * records that make a retried create or rotate answer the same key.
 */
package org.keygate.keys.entity;
