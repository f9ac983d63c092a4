package org.keygate.gateway.control;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A model's prices in micro-USD per 1M tokens (the catalogue's USD prices, which have at most six
 * decimals, times 10^6 — exact). Costs are computed in integers: tokens × price / 10^6 micro-USD,
 * rounded half-up to the micro-dollar for a settled call and up for a reservation, so a
 * reservation is never smaller than the cost it guards.
 */
public record Price(long inputPerM, long outputPerM, long cachedInputPerM) {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    public static Price of(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
        return new Price(micros(input), micros(output), micros(cachedInput));
    }

    public static long micros(BigDecimal usd) {
        return usd.setScale(6, RoundingMode.UNNECESSARY).movePointRight(6).longValueExact();
    }

    public static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    /**
     * The settled cost of a call. {@code cachedTokens} are part of {@code inputTokens} (as in
     * OpenAI's {@code prompt_tokens_details}) and billed at the cached price; the rest of the
     * input at the input price; output (reasoning included) at the output price.
     */
    public long cost(long inputTokens, long outputTokens, long cachedTokens) {
        long cached = Math.min(Math.max(cachedTokens, 0), Math.max(inputTokens, 0));
        long uncached = Math.max(inputTokens, 0) - cached;
        BigInteger numerator = BigInteger.valueOf(uncached).multiply(BigInteger.valueOf(inputPerM))
                .add(BigInteger.valueOf(cached).multiply(BigInteger.valueOf(cachedInputPerM)))
                .add(BigInteger.valueOf(Math.max(outputTokens, 0)).multiply(BigInteger.valueOf(outputPerM)));
        BigInteger[] qr = numerator.divideAndRemainder(MILLION);
        long whole = qr[0].longValueExact();
        return qr[1].compareTo(BigInteger.valueOf(500_000)) >= 0 ? whole + 1 : whole;
    }

    /** The most a call can cost: every input token at the dearer input price, every output token, rounded up. */
    public long maxCost(long inputTokens, long outputTokens) {
        long inputPrice = Math.max(inputPerM, cachedInputPerM);
        BigInteger numerator = BigInteger.valueOf(Math.max(inputTokens, 0)).multiply(BigInteger.valueOf(inputPrice))
                .add(BigInteger.valueOf(Math.max(outputTokens, 0)).multiply(BigInteger.valueOf(outputPerM)));
        BigInteger[] qr = numerator.divideAndRemainder(MILLION);
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }
}
