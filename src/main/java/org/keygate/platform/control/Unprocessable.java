package org.keygate.platform.control;

/** A semantically refused request, e.g. an Idempotency-Key reused with a different body (422). */
public class Unprocessable extends KeygateException {

    public Unprocessable(String code, String field, String message) {
        super(422, code, field, message);
    }
}
