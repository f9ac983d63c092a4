package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** {@link Money} (what {@code Check.money/positiveMoney} checked) and {@link Input#money}, what is stored. */
class MoneyTest {

    record Limit(@Money(sign = Money.Sign.POSITIVE) BigDecimal dailyLimit) {
    }

    record Amount(@Money BigDecimal amount) {
    }

    record Price(@Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal price) {
    }

    record Entry(@Money(sign = Money.Sign.NOT_ZERO) BigDecimal amount) {
    }

    @Test
    void positiveRefusesZeroAndNegativeBeforeThePrecision() {
        valid(new Limit(null));
        valid(new Limit(new BigDecimal("0.000001")));
        invalid("daily_limit", "must be greater than 0", new Limit(BigDecimal.ZERO));
        invalid("daily_limit", "must be greater than 0", new Limit(new BigDecimal("0.000000")));
        invalid("daily_limit", "must be greater than 0", new Limit(new BigDecimal("-5")));
        invalid("daily_limit", "must be greater than 0", new Limit(new BigDecimal("-0.0000001")));
        invalid("daily_limit", "must have at most 6 decimal places", new Limit(new BigDecimal("0.0000001")));
    }

    @Test
    void sixDecimalsAndABound() {
        assertEquals(new BigDecimal("12.500000"), Input.money(new BigDecimal("12.5")));
        assertEquals(6, Input.money(new BigDecimal("12.5")).scale());
        assertEquals(new BigDecimal("-3.000000"), Input.money(new BigDecimal("-3")));
        valid(new Amount(new BigDecimal("1.0000000000")));
        assertEquals(new BigDecimal("1.000000"), Input.money(new BigDecimal("1.0000000000")),
                "trailing zeros beyond 6 places are not extra precision");
        assertEquals(new BigDecimal("100.000000"), Input.money(new BigDecimal("1E+2")));
        valid(new Amount(new BigDecimal("1000000000")));
        valid(new Amount(new BigDecimal("-1000000000")));
        assertEquals(new BigDecimal("1000000000.000000"), Input.money(new BigDecimal("1000000000")));
        assertNull(Input.money(null));
        invalid("amount", "must have at most 6 decimal places", new Amount(new BigDecimal("0.1234567")));
        invalid("amount", "must be at most 1000000000 in magnitude", new Amount(new BigDecimal("1000000000.000001")));
        invalid("amount", "must be at most 1000000000 in magnitude", new Amount(new BigDecimal("-1E+10")));
        invalid("amount", "must be at most 1000000000 in magnitude", new Amount(new BigDecimal("1E+400")));
        invalid("amount", "must have at most 6 decimal places", new Amount(new BigDecimal("1E-400")));
    }

    @Test
    void theOtherSignsAreCheckedAfterThePrecision() {
        valid(new Price(BigDecimal.ZERO));
        invalid("price", "must not be negative", new Price(new BigDecimal("-0.01")));
        invalid("price", "must have at most 6 decimal places", new Price(new BigDecimal("-0.0000001")));
        valid(new Entry(new BigDecimal("-5.25")));
        invalid("amount", "must not be 0", new Entry(new BigDecimal("0.000")));
        invalid("amount", "must have at most 6 decimal places", new Entry(new BigDecimal("0.0000001")));
    }
}
