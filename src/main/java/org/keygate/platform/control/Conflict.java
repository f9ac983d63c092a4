package org.keygate.platform.control;

/** The request is well-formed but clashes with the target's current state (409). */
public class Conflict extends KeygateException {

    public Conflict(String code, String message) {
        super(409, code, null, message);
    }

    public Conflict(String code, String field, String message) {
        super(409, code, field, message);
    }
}
