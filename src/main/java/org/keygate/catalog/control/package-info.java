/**
 * Rules the services and the gateway share: the {@code allowed_models} pattern grammar, and
 * credential references resolved from configuration so no secret is ever stored.
 */
package org.keygate.catalog.control;
