package org.keygate.platform.control;

/** The caller's role does not allow this operation at all (403). */
public class Forbidden extends KeygateException {

    public Forbidden(String message) {
        super(403, "forbidden", null, message);
    }
}
