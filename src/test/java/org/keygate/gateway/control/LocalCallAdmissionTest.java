package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keygate.platform.control.IpRange;

/** One node's admission: the rate first, then the money; never stale. */
class LocalCallAdmissionTest {

    private final LocalSpendGuard spend = new LocalSpendGuard();
    private final LocalCallAdmission admission = new LocalCallAdmission(new LocalRateLimiter(), spend);
    private final long now = 1_700_000_000_000L;
    private final Budget budget = new Budget("key_1", "team_1", ZoneOffset.UTC, 1_000, false);
    private final GatewayKey key = new GatewayKey("key_1", "k", "team_1", "ck-abcd", "wxyz", null, null, false, null,
            null, List.of("*"), List.of(), new IpRange[0], 1, "key", null, budget, "postpaid", Stamp.local("h"));

    @Test
    void reservesAfterTheRateAndRefusesNothingTwice() {
        CallAdmission.Verdict first = admission.admit(key, null, 600, CallAdmission.Spend.RESERVE, now);
        assertFalse(first.stale());
        assertTrue(first.rate().allowed());
        assertTrue(first.reservation().ok());
        assertTrue(spend.reserve(budget, 400, now).ok(), "400 of 1,000 were still free");
        assertFalse(spend.reserve(budget, 1, now).ok(), "and then nothing");

        CallAdmission.Verdict second = admission.admit(key, null, 1, CallAdmission.Spend.RESERVE, now);
        assertFalse(second.rate().allowed(), "rpm 1: the second call in the minute is refused");
        assertNull(second.reservation(), "and holds no money");
    }

    @Test
    void aProbeHoldsNothing() {
        CallAdmission.Verdict probe = admission.admit(key, null, 1, CallAdmission.Spend.PROBE, now);
        assertTrue(probe.reservation().ok());
        assertTrue(spend.reserve(budget, 1_000, now).ok(), "the whole cap is still free");
    }
}
