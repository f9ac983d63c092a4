package org.keygate.access.control;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keygate.access.entity.TeamRole;

/**
 * Which team roles a person's identity-provider groups grant: a group name pattern such as
 * {@code keygate-team-{team}-{role}} ({@code {role}} is {@code admin} or {@code member}), an
 * explicit table {@code group=team:ROLE,…}, or both (the table is read first). The team is named by
 * its id or its name; the service resolves it. When several groups name one team the higher role
 * wins. With neither set the mapping is off and memberships are Keygate's alone.
 */
public final class TeamGroups {

    private static final TeamGroups OFF = new TeamGroups(null, Map.of());

    private final Pattern pattern;
    private final Map<String, Grant> table;

    /** A team (id or name, as written in the group or the table) and the role the group grants in it. */
    public record Grant(String team, TeamRole role) {
    }

    private TeamGroups(Pattern pattern, Map<String, Grant> table) {
        this.pattern = pattern;
        this.table = table;
    }

    /**
     * The mapping of {@code keygate.auth.groups.team-pattern} and {@code keygate.auth.groups.teams};
     * blank or null means not set. Throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static TeamGroups of(String patternText, String tableText) {
        Pattern pattern = patternText == null || patternText.isBlank() ? null : pattern(patternText.strip());
        Map<String, Grant> table = tableText == null || tableText.isBlank() ? Map.of() : table(tableText);
        return pattern == null && table.isEmpty() ? OFF : new TeamGroups(pattern, table);
    }

    public boolean enabled() {
        return pattern != null || !table.isEmpty();
    }

    /** The roles the groups grant, by team reference (id or name); empty when none does. */
    public Map<String, TeamRole> rolesFor(Set<String> groups) {
        if (!enabled() || groups.isEmpty()) {
            return Map.of();
        }
        Map<String, TeamRole> out = new HashMap<>();
        for (String group : groups) {
            Grant grant = table.get(group);
            if (grant == null && pattern != null) {
                Matcher m = pattern.matcher(group);
                if (m.matches()) {
                    grant = new Grant(m.group("team"), role(m.group("role"), group));
                }
            }
            if (grant != null) {
                out.merge(grant.team(), grant.role(), (a, b) -> a == TeamRole.TEAM_ADMIN ? a : b);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Pattern pattern(String text) {
        int team = text.indexOf("{team}");
        int role = text.indexOf("{role}");
        if (team < 0 || role < 0 || text.indexOf("{team}", team + 1) >= 0 || text.indexOf("{role}", role + 1) >= 0) {
            throw new IllegalArgumentException("keygate.auth.groups.team-pattern must contain {team} and {role} once each, e.g. "
                    + "keygate-team-{team}-{role}; got '" + text + "'");
        }
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int next = text.indexOf('{', at);
            boolean placeholder = next == team || next == role;
            int end = next < 0 ? text.length() : next;
            if (end > at) {
                regex.append(Pattern.quote(text.substring(at, end)));
            }
            if (next < 0) {
                break;
            }
            if (placeholder) {
                regex.append(next == team ? "(?<team>.+)" : "(?<role>(?i:team_admin|admin|member))");
                at = next + 6;
            } else {
                regex.append(Pattern.quote("{"));
                at = next + 1;
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static Map<String, Grant> table(String text) {
        Map<String, Grant> out = new HashMap<>();
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            int colon = e.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == e.length() - 1) {
                throw new IllegalArgumentException("keygate.auth.groups.teams: '" + e
                        + "' is not group=team:ROLE (ROLE TEAM_ADMIN or MEMBER)");
            }
            String group = e.substring(0, eq).strip();
            if (out.put(group, new Grant(e.substring(eq + 1, colon).strip(), role(e.substring(colon + 1).strip(), e))) != null) {
                throw new IllegalArgumentException("keygate.auth.groups.teams: group '" + group + "' is listed twice");
            }
        }
        return Map.copyOf(out);
    }

    private static TeamRole role(String text, String where) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "admin", "team_admin" -> TeamRole.TEAM_ADMIN;
            case "member" -> TeamRole.MEMBER;
            default -> throw new IllegalArgumentException("'" + where + "': role must be TEAM_ADMIN (admin) or MEMBER, not '"
                    + text + "'");
        };
    }
}
