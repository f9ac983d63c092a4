package org.keygate.monitoring.boundary;

import java.util.List;

/**
 * The answer to a leak report: the live keys that were found and deactivated, by their position in
 * the request. Strings that were not live keys are simply absent — nothing says whether they were
 * malformed, unknown or already dead.
 */
public record RevokedView(int checked, List<Revoked> revoked) {

    public record Revoked(int index, String keyId, String keyPrefix, String teamId, String alertId) {
    }
}
