package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CheckTest {

    @Test
    void requiredTrimsAndRefusesBlank() {
        assertEquals("Platform team", Check.required("name", "  Platform team \n", 100));
        assertInvalid("name", "is required", () -> Check.required("name", null, 100));
        assertInvalid("name", "is required", () -> Check.required("name", "", 100));
        assertInvalid("name", "is required", () -> Check.required("name", " \t\n ", 100));
    }

    @Test
    void optionalTurnsBlankIntoNull() {
        assertNull(Check.optional("group", null, 100));
        assertNull(Check.optional("group", "", 100));
        assertNull(Check.optional("group", "   ", 100));
        assertEquals("staging", Check.optional("group", " staging ", 100));
    }

    @Test
    void maxLengthCountsTheTrimmedText() {
        assertEquals("abcde", Check.required("name", "abcde", 5));
        assertEquals("abcde", Check.required("name", "  abcde  ", 5));
        assertInvalid("name", "must be at most 5 characters", () -> Check.required("name", "abcdef", 5));
        assertInvalid("project", "must be at most 5 characters", () -> Check.optional("project", "abcdef", 5));
    }

    @Test
    void refusesControlCharacters() {
        assertInvalid("name", "must not contain control characters", () -> Check.required("name", "a\u0000b", 100));
        assertInvalid("name", "must not contain control characters", () -> Check.required("name", "line\nbreak", 100));
        assertInvalid("name", "must not contain control characters", () -> Check.optional("name", "esc\u001b[31m", 100));
        assertInvalid("name", "must not contain control characters", () -> Check.optional("name", "del\u007f", 100));
        assertInvalid("name", "must not contain control characters", () -> Check.optional("name", "c1\u0085x", 100));
        assertEquals("Zürich – 東京", Check.required("name", "Zürich – 東京", 100));
    }

    @Test
    void positiveIsBetweenOneAndMax() {
        assertNull(Check.positive("rpm_limit", null, 1000));
        assertEquals(1, Check.positive("rpm_limit", 1, 1000));
        assertEquals(1000, Check.positive("rpm_limit", 1000, 1000));
        assertInvalid("rpm_limit", "must be between 1 and 1000", () -> Check.positive("rpm_limit", 0, 1000));
        assertInvalid("rpm_limit", "must be between 1 and 1000", () -> Check.positive("rpm_limit", -1, 1000));
        assertInvalid("rpm_limit", "must be between 1 and 1000", () -> Check.positive("rpm_limit", 1001, 1000));
        assertInvalid("rpm_limit", "must be between 1 and 1000", () -> Check.positive("rpm_limit", Integer.MIN_VALUE, 1000));
    }

    @Test
    void positiveMoneyRefusesZeroAndNegative() {
        assertNull(Check.positiveMoney("daily_limit", null));
        assertEquals(new BigDecimal("0.000001"), Check.positiveMoney("daily_limit", new BigDecimal("0.000001")));
        assertInvalid("daily_limit", "must be greater than 0", () -> Check.positiveMoney("daily_limit", BigDecimal.ZERO));
        assertInvalid("daily_limit", "must be greater than 0", () -> Check.positiveMoney("daily_limit", new BigDecimal("0.000000")));
        assertInvalid("daily_limit", "must be greater than 0", () -> Check.positiveMoney("daily_limit", new BigDecimal("-5")));
        assertInvalid("daily_limit", "must have at most 6 decimal places",
                () -> Check.positiveMoney("daily_limit", new BigDecimal("0.0000001")));
    }

    @Test
    void moneyHasSixDecimalsAndABound() {
        assertEquals(new BigDecimal("12.500000"), Check.money("amount", new BigDecimal("12.5")));
        assertEquals(6, Check.money("amount", new BigDecimal("12.5")).scale());
        assertEquals(new BigDecimal("-3.000000"), Check.money("amount", new BigDecimal("-3")));
        assertEquals(new BigDecimal("1.000000"), Check.money("amount", new BigDecimal("1.0000000000")),
                "trailing zeros beyond 6 places are not extra precision");
        assertEquals(new BigDecimal("100.000000"), Check.money("amount", new BigDecimal("1E+2")));
        assertEquals(new BigDecimal("1000000000.000000"), Check.money("amount", new BigDecimal("1000000000")));
        assertEquals(new BigDecimal("-1000000000.000000"), Check.money("amount", new BigDecimal("-1000000000")));
        assertInvalid("amount", "must have at most 6 decimal places", () -> Check.money("amount", new BigDecimal("0.1234567")));
        assertInvalid("amount", "must be at most 1000000000 in magnitude",
                () -> Check.money("amount", new BigDecimal("1000000000.000001")));
        assertInvalid("amount", "must be at most 1000000000 in magnitude", () -> Check.money("amount", new BigDecimal("-1E+10")));
        assertInvalid("amount", "must be at most 1000000000 in magnitude", () -> Check.money("amount", new BigDecimal("1E+400")));
        assertInvalid("amount", "must have at most 6 decimal places", () -> Check.money("amount", new BigDecimal("1E-400")));
    }

    private static void assertInvalid(String field, String message, Executable check) {
        InvalidInput e = assertThrows(InvalidInput.class, check);
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
        assertEquals(400, e.status());
        assertEquals("invalid_input", e.code());
    }
}
