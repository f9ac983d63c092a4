/**
 * What every feature stands on: the REST activator, JSON reading and problem+json errors,
 * authentication of the management API, ids, the clock and the schema migrations.
 */
package org.keygate.platform;
