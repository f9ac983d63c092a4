package org.keygate.platform.control;

/**
 * The state the nodes share (Redis) could not be reached or did not answer within the command
 * timeout. Callers fail closed: the gateway answers 503 instead of letting a call through
 * unchecked, and scheduled work skips its turn.
 */
public class SharedStateUnavailable extends RuntimeException {

    public SharedStateUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
