package org.keygate.access.boundary;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.access.control.TeamGroups;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;

/**
 * Every authentication setting in one place, read once from MicroProfile Config: the mode, the
 * header names of {@code header} mode, the IdP of {@code oidc} mode, and
 * how SSO groups map to organisation roles. docs/configuration.md lists each property with its default.
 */
@ApplicationScoped
public class AuthSettings {

    @Inject
    @ConfigProperty(name = "keygate.auth.mode", defaultValue = "local")
    String modeName;

    @Inject
    @ConfigProperty(name = "keygate.auth.header.user", defaultValue = "X-Forwarded-User")
    String userHeader;

    @Inject
    @ConfigProperty(name = "keygate.auth.header.groups", defaultValue = "X-Forwarded-Groups")
    String groupsHeader;

    @Inject
    @ConfigProperty(name = "keygate.auth.header.email", defaultValue = "X-Forwarded-Email")
    String emailHeader;

    @Inject
    @ConfigProperty(name = "keygate.auth.header.logout-url")
    Optional<String> headerLogoutUrl;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.rp-logout", defaultValue = "true")
    boolean rpLogout;

    @Inject
    @ConfigProperty(name = "keygate.auth.groups.org-admin", defaultValue = "keygate-admins")
    String orgAdminGroupsText;

    @Inject
    @ConfigProperty(name = "keygate.auth.groups.auditor", defaultValue = "keygate-auditors")
    String auditorGroupsText;

    @Inject
    @ConfigProperty(name = "keygate.auth.groups.team-pattern")
    Optional<String> teamPattern;

    @Inject
    @ConfigProperty(name = "keygate.auth.groups.teams")
    Optional<String> teamTable;

    @Inject
    @ConfigProperty(name = "keygate.auth.auto-provision", defaultValue = "true")
    boolean autoProvision;

    @Inject
    @ConfigProperty(name = "keygate.session.idle-timeout-minutes", defaultValue = "30")
    int idleTimeoutMinutes;

    @Inject
    @ConfigProperty(name = "keygate.auth.login.free-failures", defaultValue = "5")
    int loginFreeFailures;

    @Inject
    @ConfigProperty(name = "keygate.auth.login.max-delay-seconds", defaultValue = "900")
    long loginMaxDelaySeconds;

    @Inject
    @ConfigProperty(name = "keygate.public-url", defaultValue = "http://localhost:8080/")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "keygate.session.secure-cookie")
    Optional<Boolean> secureCookie;

    private AuthMode mode;
    private Set<String> orgAdminGroups;
    private Set<String> auditorGroups;
    private TeamGroups teamGroups;

    @PostConstruct
    void parse() {
        mode = AuthMode.of(modeName);
        orgAdminGroups = list(orgAdminGroupsText);
        auditorGroups = list(auditorGroupsText);
        teamGroups = TeamGroups.of(teamPattern.orElse(null), teamTable.orElse(null));
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * The organisation role the SSO groups grant: ORG_ADMIN over AUDITOR, or null. It is computed
     * on each authentication and never stored, so removing someone from the group in the IdP takes
     * the role away at their next request (header mode) or login (oidc).
     */
    public OrgRole orgRoleFor(Set<String> groups) {
        if (groups.stream().anyMatch(orgAdminGroups::contains)) {
            return OrgRole.ORG_ADMIN;
        }
        if (groups.stream().anyMatch(auditorGroups::contains)) {
            return OrgRole.AUDITOR;
        }
        return null;
    }

    /**
     * The team roles the SSO groups grant, by team id or name ({@code keygate.auth.groups.team-pattern},
     * {@code keygate.auth.groups.teams}), or null when neither is set: then memberships are Keygate's alone.
     */
    public Map<String, TeamRole> teamRolesFor(Set<String> groups) {
        return teamGroups.enabled() ? teamGroups.rolesFor(groups) : null;
    }

    public String userHeader() {
        return userHeader;
    }

    public String groupsHeader() {
        return groupsHeader;
    }

    public String emailHeader() {
        return emailHeader;
    }

    /** {@code header} mode: the SSO proxy's own logout address (it owns the session there), if configured. */
    public Optional<String> headerLogoutUrl() {
        return headerLogoutUrl.map(String::strip).filter(u -> !u.isEmpty());
    }

    /** {@code oidc} mode: whether logout also ends the session at the IdP (RP-initiated logout). */
    public boolean rpLogout() {
        return rpLogout;
    }

    public boolean autoProvision() {
        return autoProvision;
    }

    public int idleTimeoutMinutes() {
        return idleTimeoutMinutes;
    }

    /** {@code local} logins: failed attempts in a row (per user and address) before attempts are slowed down. */
    public int loginFreeFailures() {
        return loginFreeFailures;
    }

    public long loginMaxDelaySeconds() {
        return loginMaxDelaySeconds;
    }

    /** Secure cookies when configured, else whenever the public URL is https. */
    public boolean secureCookie() {
        return secureCookie.orElse(publicUrl.startsWith("https:"));
    }

    /** Comma- or whitespace-separated values, trimmed, blanks dropped, order kept. */
    public static Set<String> list(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
