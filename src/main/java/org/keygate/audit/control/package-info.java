/**
 * The hash-chain rule ({@code AuditChain}): what an entry's SHA-256 covers and how fields are
 * length-prefixed, kept free of JPA so the chain is tested without a database.
 */
package org.keygate.audit.control;
