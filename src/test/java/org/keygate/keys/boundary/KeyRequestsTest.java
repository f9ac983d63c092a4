package org.keygate.keys.boundary;

import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The constraints of the key requests: the checks {@code ApiKeys} made by hand, with the same
 * fields and messages (KeyLifecycleIT asks the same over HTTP).
 */
class KeyRequestsTest {

    private static CreateKeyRequest create(List<String> models, List<String> ips, Integer rpm, BigDecimal daily) {
        return new CreateKeyRequest("team_1", null, "ci", "production", "search", models, ips, rpm, daily,
                Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void aFullRequestIsValid() {
        valid(create(List.of("demo/echo", "anthropic/*", " openai/gpt-4o-mini "), List.of("10.0.0.0/8", "2001:DB8::/32",
                "203.0.113.7"), 120, new BigDecimal("2.5")));
        valid(new CreateKeyRequest("team_1", null, "x", null, null, null, null, null, null, null));
    }

    @Test
    void nameAndTeamAreRequired() {
        invalid("team_id", "is required", new CreateKeyRequest(null, null, "x", null, null, null, null, null, null, null));
        invalid("name", "is required", new CreateKeyRequest("team_1", null, "  ", null, null, null, null, null, null, null));
        invalid("name", "must be at most 200 characters",
                new CreateKeyRequest("team_1", null, "n".repeat(201), null, null, null, null, null, null, null));
        invalid("group", "must be at most 100 characters",
                new CreateKeyRequest("team_1", null, "x", "g".repeat(101), null, null, null, null, null, null));
        invalid("project", "must not contain control characters",
                new CreateKeyRequest("team_1", null, "x", null, "a\tb", null, null, null, null, null));
    }

    @Test
    void limits() {
        invalid("rpm_limit", "must be between 1 and 1000000", create(null, null, 0, null));
        invalid("rpm_limit", "must be between 1 and 1000000", create(null, null, -5, null));
        invalid("rpm_limit", "must be between 1 and 1000000", create(null, null, 1_000_001, null));
        valid(create(null, null, 1_000_000, null));
        invalid("daily_limit", "must be greater than 0", create(null, null, null, BigDecimal.ZERO));
        invalid("daily_limit", "must be greater than 0", create(null, null, null, new BigDecimal("-1")));
        invalid("daily_limit", "must have at most 6 decimal places", create(null, null, null, new BigDecimal("0.0000001")));
    }

    @Test
    void ipWhitelistEntriesAreNamedByIndex() {
        invalid("ip_whitelist[0]", "'10.0.0.300/8' is not a valid IPv4 address", create(null, List.of("10.0.0.300/8"), null, null));
        invalid("ip_whitelist[0]", "'10.0.0.0/33' has a prefix length above 32", create(null, List.of("10.0.0.0/33"), null, null));
        invalid("ip_whitelist[1]", "'example.com' is not an IP address or CIDR block",
                create(null, List.of("::1", "example.com"), null, null));
        invalid("ip_whitelist[0]", "must not be null", create(null, Arrays.asList((String) null), null, null));
        invalid("ip_whitelist", "must have at most 100 entries", create(null, Collections.nCopies(101, "::1"), null, null));
    }

    @Test
    void allowedModelsAreIdsOrPrefixes() {
        String grammar = "must be a model id like anthropic/claude-sonnet-4-6 or a prefix like anthropic/*";
        invalid("allowed_models[0]", grammar, create(List.of("not a model"), null, null, null));
        invalid("allowed_models[0]", grammar, create(List.of("*"), null, null, null));
        invalid("allowed_models[1]", grammar, create(List.of("demo/echo", "Demo/echo"), null, null, null));
        invalid("allowed_models[0]", "must not be null", create(Arrays.asList((String) null), null, null, null));
        List<String> many = new ArrayList<>(Collections.nCopies(101, "not a model"));
        invalid("allowed_models", "must have at most 100 entries", create(many, null, null, null));
    }

    @Test
    void updateChecksWhatIsGivenAndNullOnlyWhereItClears() {
        valid(new UpdateKeyRequest(null, null, null, null, null, null, null, null));
        valid(new UpdateKeyRequest(Optional.of("after"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        invalid("name", "is required", new UpdateKeyRequest(Optional.empty(), null, null, null, null, null, null, null));
        invalid("name", "is required", new UpdateKeyRequest(Optional.of(" "), null, null, null, null, null, null, null));
        invalid("ip_whitelist[1]", "'10.0.0.300/33' is not a valid IPv4 address", new UpdateKeyRequest(null, null, null,
                null, Optional.of(List.of("10.0.0.0/8", "10.0.0.300/33")), null, null, null));
        invalid("allowed_models[0]", "must not be null", new UpdateKeyRequest(null, null, null,
                Optional.of(Arrays.asList((String) null)), null, null, null, null));
        invalid("rpm_limit", "must be between 1 and 1000000",
                new UpdateKeyRequest(null, null, null, null, null, Optional.of(0), null, null));
        invalid("daily_limit", "must be greater than 0",
                new UpdateKeyRequest(null, null, null, null, null, null, Optional.of(BigDecimal.ZERO), null));
    }

    @Test
    void rotationGraceIsAtMostThirtyDays() {
        valid(new RotateKeyRequest(null));
        valid(new RotateKeyRequest(0L));
        valid(new RotateKeyRequest(2_592_000L));
        invalid("old_key_expires_in", "must be between 0 and 2592000 seconds", new RotateKeyRequest(-1L));
        invalid("old_key_expires_in", "must be between 0 and 2592000 seconds", new RotateKeyRequest(2_592_001L));
    }

    @Test
    void deactivationNeedsAReason() {
        invalid("reason", "is required", new DeactivateKeyRequest(" "));
        invalid("reason", "is required", new DeactivateKeyRequest(null));
        invalid("reason", "must be at most 500 characters", new DeactivateKeyRequest("r".repeat(501)));
        valid(new DeactivateKeyRequest("laptop lost"));
    }
}
