package org.keygate.gateway.control;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for the hot path: {@code req_} + a ULID (millisecond time + 80 random bits).
 * Unlike {@code Ids} it draws from {@link ThreadLocalRandom}: a request id only has to be unique,
 * not unguessable, and a shared {@code SecureRandom} would serialise every call on one lock.
 */
public final class RequestIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private RequestIds() {
    }

    public static String next(long millis) {
        char[] out = new char[30];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        long time = millis;
        for (int i = 13; i >= 4; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 21; i >= 14; i--) {
            out[i] = CROCKFORD[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 29; i >= 22; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
