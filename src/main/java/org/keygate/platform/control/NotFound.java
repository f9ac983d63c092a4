package org.keygate.platform.control;

/**
 * The target does not exist, or the caller may not know that it does: object-level access
 * failures answer 404 so ids of other people's things cannot be probed.
 */
public class NotFound extends KeygateException {

    public NotFound(String what, String id) {
        super(404, "not_found", null, what + " '" + id + "' was not found");
    }
}
