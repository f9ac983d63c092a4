package org.keygate.usage.control;

import org.keygate.platform.control.KeygateException;

/**
 * A call cannot be metered durably: the journal's disk budget is used up, its disk failed, its
 * queue stayed full past the bounded wait, or its fsync did not finish within that wait. Calls are
 * then refused with 503 {@code metering_unavailable} instead of being served unmetered.
 */
public final class MeteringUnavailable extends KeygateException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "metering_unavailable";

    public MeteringUnavailable(String message) {
        super(503, CODE, null, message);
    }
}
