package org.keygate.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * The one base of every error a service reports on purpose. It rolls the transaction back, so a
 * rejected request writes nothing, and carries what the problem+json answer needs: an HTTP
 * status, a stable machine code and, for bad input, the offending field.
 */
@ApplicationException(rollback = true)
public class KeygateException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    protected KeygateException(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** JSON name of the field at fault, or null when the error is not about one field. */
    public String field() {
        return field;
    }
}
