package org.keygate.platform.boundary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.keygate.platform.control.InvalidInput;

/** Query parameters parsed by us rather than by JAX-RS, so a bad value is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An optional RFC 3339 date-time with offset; blank or absent is null. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be an RFC 3339 date-time with offset, e.g. 2026-11-28T00:00:00Z");
        }
    }
}
