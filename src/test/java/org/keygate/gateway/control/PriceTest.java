package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class PriceTest {

    private final Price demo = Price.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("0.5"));

    @Test
    void costIsTokensTimesPricePerMillionInMicroDollars() {
        assertEquals(9 + 2 * 5, demo.cost(9, 5, 0));
        assertEquals(1_000_000 + 2_000_000, demo.cost(1_000_000, 1_000_000, 0));
    }

    @Test
    void cachedTokensArePartOfTheInputAndBilledAtTheCachedPrice() {
        // 100 input of which 40 cached: 60 × 1 + 40 × 0.5 = 80 micro-USD
        assertEquals(80, demo.cost(100, 0, 40));
        assertEquals(50, demo.cost(100, 0, 500), "cached can never exceed the input");
    }

    @Test
    void fractionsRoundHalfUpToTheMicroDollarAndReservationsRoundUp() {
        Price cheap = Price.of(new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.075"));
        assertEquals(1, cheap.cost(7, 0, 0), "1.05 µ$ → 1");
        assertEquals(2, cheap.cost(10, 0, 0), "1.5 µ$ → 2");
        assertEquals(2, cheap.maxCost(7, 0), "1.05 µ$ reserved as 2");
        assertEquals(7 * 15 / 100 + 1 + 0, cheap.maxCost(7, 0));
    }

    @Test
    void maxCostUsesTheDearerInputPriceAndIsNeverBelowAnyCost() {
        Price odd = Price.of(new BigDecimal("1"), new BigDecimal("3"), new BigDecimal("4"));
        assertEquals(4 * 10 + 3 * 10, odd.maxCost(10, 10));
        for (int in = 0; in < 50; in++) {
            for (int cached = 0; cached <= in; cached += 7) {
                for (int out = 0; out < 20; out += 3) {
                    assertEquals(true, odd.maxCost(in, out) >= odd.cost(in, out, cached));
                }
            }
        }
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        Price dear = Price.of(new BigDecimal("1000000"), new BigDecimal("1000000"), new BigDecimal("1000000"));
        assertEquals(2_000_000_000_000_000L, dear.cost(1_000_000_000L, 1_000_000_000L, 0));
    }

    @Test
    void usdConversionIsExact() {
        assertEquals(new BigDecimal("0.000019"), Price.usd(19));
        assertEquals(1_234_567, Price.micros(new BigDecimal("1.234567")));
    }
}
