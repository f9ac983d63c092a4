/**
 * Minting and checking {@code ck-} keys (random part, CRC32 checksum, SHA-256 hash) and the
 * rotation-due rule, apart from persistence so the key format is tested without a server.
 */
package org.keygate.keys.control;
