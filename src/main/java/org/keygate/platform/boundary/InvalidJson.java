package org.keygate.platform.boundary;

import jakarta.json.bind.JsonbException;

/**
 * A request body value that is well-formed JSON but not what the field takes ("must be an
 * integer"); the reader names the field from where the {@link PathParser} stood.
 */
final class InvalidJson extends JsonbException {

    private static final long serialVersionUID = 1L;

    InvalidJson(String message) {
        super(message);
    }
}
