package org.keygate.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signatureIsHmacSha256OfTimeDotBody() {
        // reference value from: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        String header = WebhookSigner.header("whsec_test", 1_700_000_000L, "{\"a\":1}");
        assertTrue(header.startsWith("t=1700000000,v1="), header);
        assertEquals("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789", header);
        assertTrue(WebhookSigner.verify("whsec_test", header, "{\"a\":1}"));
    }

    @Test
    void anyChangeBreaksTheSignature() {
        String header = WebhookSigner.header("whsec_test", 1_700_000_000L, "{\"a\":1}");
        assertFalse(WebhookSigner.verify("whsec_other", header, "{\"a\":1}"));
        assertFalse(WebhookSigner.verify("whsec_test", header, "{\"a\":2}"));
        assertFalse(WebhookSigner.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), "{\"a\":1}"));
        assertFalse(WebhookSigner.verify("whsec_test", "v1=abc", "{\"a\":1}"));
    }

    @Test
    void backOffDoublesUpToTheCapThenGivesUp() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 6);
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        assertEquals(Optional.of(t.plusSeconds(30)), p.next(t, 1));
        assertEquals(Optional.of(t.plusSeconds(60)), p.next(t, 2));
        assertEquals(Optional.of(t.plusSeconds(120)), p.next(t, 3));
        assertEquals(Optional.of(t.plusSeconds(480)), p.next(t, 5));
        assertEquals(Optional.empty(), p.next(t, 6));
        RetryPolicy capped = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(2), 10);
        assertEquals(Optional.of(t.plusSeconds(120)), capped.next(t, 8));
    }
}
