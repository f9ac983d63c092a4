package org.keygate.usage.boundary;

import java.util.Map;

/**
 * Fired synchronously, inside the flush lock, right after a batch of usage records and its USAGE
 * ledger entries committed: micro-USD debited per team. The gateway's spend guard moves those
 * amounts from "settled, not yet in the ledger" to the ledger balance it holds.
 */
public record UsageFlushed(Map<String, Long> debitedMicrosByTeam) {
}
