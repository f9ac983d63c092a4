package org.keygate.platform.control;

/** Bad input in a named field (400). */
public class InvalidInput extends KeygateException {

    public InvalidInput(String field, String message) {
        super(400, "invalid_input", field, message);
    }
}
