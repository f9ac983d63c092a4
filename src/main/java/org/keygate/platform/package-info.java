/**
 * What every feature stands on, knowing none of them: REST activation, request JSON and
 * problem+json, paging, Faces messages, ids, the clock, client addresses, schema migrations.
 */
package org.keygate.platform;
