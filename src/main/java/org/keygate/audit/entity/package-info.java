/**
 * The append-only audit entries, and the single {@code audit_head} row whose lock orders
 * concurrent appends from every node into one chain without gaps or forks.
 */
package org.keygate.audit.entity;
