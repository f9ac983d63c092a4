package org.keygate.keys.control;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.catalog.control.ModelPatterns;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.IpRange;

/**
 * A key's settings as they are stored, and the rules about them that the request constraints cannot
 * know: which models are in the catalogue, the team's rpm default for a MEMBER, the current time.
 * The values come in valid by their constraints ({@code CreateKeyRequest}); these methods normalise
 * them (stripped, duplicates dropped, CIDR blocks in canonical form).
 */
@ApplicationScoped
public class KeySettings {

    @Inject
    Clock clock;

    public KeySettings() {
    }

    KeySettings(Clock clock) {
        this.clock = clock;
    }

    /** The entries stripped and without duplicates; an exact id must be in the catalogue. Null is none. */
    public List<String> allowedModels(List<String> patterns, Predicate<String> inCatalogue) {
        if (patterns == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i).strip();
            if (!ModelPatterns.isPrefixPattern(p) && !inCatalogue.test(p)) {
                throw new InvalidInput("allowed_models[" + i + "]", "'" + p + "' is not in the model catalogue");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** The blocks in canonical form ({@code 2001:db8::/32}), without duplicates. Null is none. */
    public List<String> ipWhitelist(List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String entry : entries) {
            out.add(IpRange.parse(entry).toString());
        }
        return List.copyOf(out);
    }

    /** A MEMBER stays within the team's default rpm (when the team has one); a team admin does not have to. */
    public Integer rpmLimit(Integer rpm, Integer teamDefault, boolean mayExceedTeam) {
        if (rpm != null && !mayExceedTeam && teamDefault != null && rpm > teamDefault) {
            throw new InvalidInput("rpm_limit", "must not exceed the team's default of " + teamDefault
                    + " for a MEMBER; ask a team admin");
        }
        return rpm;
    }

    /** An expiry must lie in the future; null is never. */
    public Instant expiresAt(Instant value) {
        if (value != null && !value.isAfter(Instant.now(clock))) {
            throw new InvalidInput("expires_at", "must be in the future");
        }
        return value;
    }
}
