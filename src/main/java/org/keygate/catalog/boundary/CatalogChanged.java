package org.keygate.catalog.boundary;

/**
 * Fired after any change to a model or provider. The gateway observes it after commit and swaps in
 * a fresh routing table, so a new price or base URL applies to the very next call.
 */
public record CatalogChanged(String targetType, String targetId) {
}
