package org.keygate.platform.control;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.keygate.keys.control.KeyMint;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile text where addresses, keys and CSV cells come from outside: CIDR and IP parsing refuse
 * with {@link IllegalArgumentException} only and what they accept prints back to itself;
 * {@code X-Forwarded-For} resolution always answers the peer or one of the header's own entries;
 * the key check never throws and accepts only the key format; a CSV cell never starts a formula.
 */
class NetworkTextFuzzTest {

    private static final ClientIp PROXIES = ClientIp.of("127.0.0.0/8, 10.0.0.0/8, ::1/128");

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cidrsParseOrAreRefusedAndPrintBackToThemselves(FuzzedDataProvider data) {
        String text = data.consumeString(80);
        byte[] probe = data.consumeBytes(16);
        IpRange range;
        try {
            range = IpRange.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (!IpRange.parse(range.toString()).equals(range)) {
            throw new AssertionError(text + " printed as " + range + ", which parses differently");
        }
        range.contains(probe);
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forwardedForAnswersThePeerOrOneOfItsOwnEntries(FuzzedDataProvider data) {
        String peer = data.pickValue(new String[] {"127.0.0.1", "10.1.2.3", "203.0.113.9", "::1"});
        String header = data.consumeRemainingAsString();
        String client = PROXIES.resolve(peer, header);
        if (!client.equals(peer) && Arrays.stream(header.split(",")).map(String::strip)
                .noneMatch(e -> e.equals(client) || e.equals("[" + client + "]") || e.contains(client))) {
            throw new AssertionError("resolved '" + client + "' from peer " + peer + " and '" + header + "'");
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theKeyCheckNeverThrowsAndAcceptsOnlyTheKeyFormat(String candidate) {
        if (candidate == null) {
            return;
        }
        if (KeyMint.isWellFormed(candidate) && (candidate.length() != KeyMint.LENGTH
                || !candidate.startsWith(KeyMint.PREFIX)
                || !candidate.substring(3).chars().allMatch(Character::isLetterOrDigit))) {
            throw new AssertionError("accepted " + candidate);
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCsvCellNeverStartsAFormulaAndQuotesWhatItMust(String value) {
        String cell = Csv.cell(value);
        String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
        if (!unquoted.isEmpty() && "=+-@\t\r".indexOf(unquoted.charAt(0)) >= 0) {
            throw new AssertionError("a formula cell: " + cell);
        }
        boolean quoted = cell.startsWith("\"") && cell.endsWith("\"") && cell.length() >= 2;
        if (!quoted && (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r"))) {
            throw new AssertionError("unquoted: " + cell);
        }
    }
}
