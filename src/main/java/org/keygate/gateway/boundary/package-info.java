/**
 * The filter and servlets of {@code /v1} and {@code /auth/verify}, {@code POST /api/v1/verify}, the
 * upstream relay, and the beans keeping the gateway's memory in step with commits.
 */
package org.keygate.gateway.boundary;
