/**
 * Usage metering (docs/gateway.md): one record per gateway call, queued on the request thread and written
 * in batches, with the team ledger debited by the settled cost.
 */
package org.keygate.usage;
