package org.keygate.usage.boundary;

import java.time.Instant;

/**
 * The usage writer's state at one moment, for health reporting: since when the database has been
 * unreachable (null while it is reachable), the last write failure, calls metered but not yet in
 * the database, the journal's bytes on disk and its budget, why the journal refuses calls (null
 * while it takes them), whether that is because a journal write failed (only a restart helps then)
 * records written since start and records the database refused on their own, set aside since start.
 */
public record MeteringState(Instant databaseUnreachableSince, String lastFailure, long backlog, long journalBytes,
        long journalMaxBytes, String refusal, boolean journalFailed, long written, long deadLettered) {

    /** The journal takes calls: they are answered and metered, whatever the database does. */
    public boolean accepting() {
        return refusal == null;
    }
}
