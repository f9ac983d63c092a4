package org.keygate.monitoring.control;

import java.time.Instant;

/** One key's usage in one UTC hour, as the hourly roll-up holds it; cost in micro-USD. */
public record HourBucket(Instant hourStart, long requests, long tokens, long costMicros) {
}
