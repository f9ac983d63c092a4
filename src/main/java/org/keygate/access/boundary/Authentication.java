package org.keygate.access.boundary;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.keygate.access.control.LoginThrottle;
import org.keygate.access.entity.OrgRole;
import org.keygate.platform.boundary.ClientAddresses;

/**
 * The one place that decides who is calling, for the management API and the admin pages alike
 * (docs/authentication.md). Each mode has one source of identity:
 * <ul>
 * <li>{@code local}: HTTP Basic for the API; for pages the member id that the login form put in the
 * session;</li>
 * <li>{@code header}: the configured user/groups headers, only when the socket peer is a trusted
 * proxy — for the API and for pages, on every request;</li>
 * <li>{@code oidc}: the IdP's bearer access token for the API; for pages the member id that the
 * OpenID Connect login put in the session.</li>
 * </ul>
 * Whatever the source, the member is reloaded from the database on every request, so offboarding
 * and role changes apply at once; the result fills the request's {@link Caller}.
 */
@ApplicationScoped
public class Authentication {

    /** Session attributes: the logged-in member and the org role their SSO groups granted at login. */
    public static final String SESSION_MEMBER = "keygate.member";
    public static final String SESSION_GROUP_ROLE = "keygate.groupRole";
    /** Session attribute ({@code oidc}): the ID token of the login, the {@code id_token_hint} of the logout. */
    public static final String SESSION_ID_TOKEN = "keygate.idToken";

    @Inject
    AuthSettings settings;

    @Inject
    ClientAddresses addresses;

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @Inject
    BearerTokens bearerTokens;

    @Inject
    Clock clock;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(settings.loginFreeFailures(), Duration.ofSeconds(settings.loginMaxDelaySeconds()), clock);
    }

    /** The outcome of one attempt: a principal, or why not (to answer 401 with the right challenge). */
    public record Outcome(Optional<Accounts.Principal> principal, String problem) {

        static Outcome of(Optional<Accounts.Principal> principal, String problem) {
            return new Outcome(principal, principal.isPresent() ? null : problem);
        }

        public boolean authenticated() {
            return principal.isPresent();
        }
    }

    public AuthMode mode() {
        return settings.mode();
    }

    /** Authenticates a management API call; on success the {@link Caller} is filled in. */
    public Outcome api(HttpServletRequest request) {
        Outcome outcome = switch (settings.mode()) {
            case LOCAL -> basic(request.getHeader("Authorization"), clientIp(request));
            case HEADER -> fromHeaders(request);
            case OIDC -> Outcome.of(bearerTokens.verify(request.getHeader("Authorization"))
                    .flatMap(t -> t.isService() ? Optional.of(Accounts.service(t.serviceClient()))
                            : accounts.sso(t.username(), t.displayName(), t.email(), settings.orgRoleFor(t.groups()),
                                    settings.teamRolesFor(t.groups()), settings.autoProvision(), clientIp(request))),
                    "a valid bearer access token from the identity provider is required");
        };
        outcome.principal().ifPresent(p -> fill(p, request));
        return outcome;
    }

    /** Authenticates a page request; on success the {@link Caller} is filled in. */
    public Outcome page(HttpServletRequest request) {
        Outcome outcome;
        if (settings.mode() == AuthMode.HEADER) {
            outcome = fromHeaders(request);
        } else {
            HttpSession session = request.getSession(false);
            String memberId = session == null ? null : (String) session.getAttribute(SESSION_MEMBER);
            Object groupRole = session == null ? null : session.getAttribute(SESSION_GROUP_ROLE);
            Optional<Accounts.Principal> p = accounts.active(memberId,
                    groupRole instanceof String r ? org.keygate.access.entity.OrgRole.valueOf(r) : null);
            if (p.isEmpty() && memberId != null) {
                session.invalidate();
            }
            outcome = Outcome.of(p, "not logged in");
        }
        outcome.principal().ifPresent(p -> fill(p, request));
        return outcome;
    }

    /**
     * Starts a page session for a member that just proved who they are (login form or OIDC
     * callback): a new session id against session fixation, then the member id in the session.
     */
    public void startSession(HttpServletRequest request, Accounts.Principal principal,
            org.keygate.access.entity.OrgRole groupRole) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(SESSION_MEMBER, principal.memberId());
        if (groupRole != null) {
            session.setAttribute(SESSION_GROUP_ROLE, groupRole.name());
        }
        session.setMaxInactiveInterval(settings.idleTimeoutMinutes() * 60);
    }

    /**
     * {@code local} form login: checks the password. A failure does not say whether the name or the
     * password was wrong; one refused because of earlier failures says how long to wait.
     */
    public Outcome login(String username, char[] password, HttpServletRequest request) {
        if (settings.mode() != AuthMode.LOCAL || username == null || username.isBlank()) {
            return new Outcome(Optional.empty(), WRONG_CREDENTIALS);
        }
        return checkPassword(username.strip(), password, clientIp(request));
    }

    private static final String WRONG_CREDENTIALS = "Wrong user name or password, or the account is not active.";

    /** A password check, unless earlier failures for this user from this address ask for a wait first. */
    private Outcome checkPassword(String username, char[] password, String address) {
        Duration wait = throttle.waitFor(username, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return new Outcome(Optional.empty(), "Too many failed logins for this user from your address: try again in "
                    + seconds + (seconds == 1 ? " second." : " seconds."));
        }
        Optional<Accounts.Principal> principal = accounts.authenticate(username, password);
        if (principal.isPresent()) {
            throttle.succeeded(username, address);
        } else {
            throttle.failed(username, address);
        }
        return Outcome.of(principal, WRONG_CREDENTIALS);
    }

    /** The client address for the audit log and the login throttle (see {@link ClientAddresses}). */
    public String clientIp(HttpServletRequest request) {
        return addresses.of(request);
    }

    private Outcome fromHeaders(HttpServletRequest request) {
        if (!addresses.fromTrustedProxy(request)) {
            return new Outcome(Optional.empty(), "this address is not a trusted SSO proxy");
        }
        String user = request.getHeader(settings.userHeader());
        if (user == null || user.isBlank()) {
            return new Outcome(Optional.empty(), "the SSO proxy sent no user");
        }
        Set<String> groups = AuthSettings.list(request.getHeader(settings.groupsHeader()));
        return Outcome.of(accounts.sso(user.strip(), null, request.getHeader(settings.emailHeader()),
                settings.orgRoleFor(groups), settings.teamRolesFor(groups), settings.autoProvision(), clientIp(request)),
                "the SSO user is not a member of Keygate or is offboarded");
    }

    private void fill(Accounts.Principal p, HttpServletRequest request) {
        caller.authenticate(p.memberId(), p.username(), p.orgRole(), p.teamRoles(), p.orgRoleSource(), clientIp(request));
    }

    private Outcome basic(String header, String address) {
        Outcome missing = new Outcome(Optional.empty(), "valid credentials are required (HTTP Basic)");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return missing;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return missing;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return missing;
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        try {
            return checkPassword(decoded.substring(0, colon), password, address);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
