/**
 * The ground floor's container side: Flyway at start, JAX-RS activation, request JSON,
 * problem+json, paging ({@code Page}, {@code Listing}, {@code LazyRows}), Faces messages, headers.
 */
package org.keygate.platform.boundary;
