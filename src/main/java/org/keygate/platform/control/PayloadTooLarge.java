package org.keygate.platform.control;

/** The request body is larger than the management API accepts (413). */
public class PayloadTooLarge extends KeygateException {

    public PayloadTooLarge(long limit) {
        super(413, "payload_too_large", null, "the request body is larger than " + limit + " bytes");
    }
}
