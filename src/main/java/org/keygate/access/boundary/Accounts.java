package org.keygate.access.boundary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.keygate.access.control.Account;
import org.keygate.access.control.AccountStore;
import org.keygate.access.control.PasswordHasher;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.OrgRoleSource;
import org.keygate.access.entity.TeamRole;

/**
 * Turns an authenticated identity into the member behind it, for the API and the pages alike: a
 * {@code local} user name and password, a member id remembered in the session, or an SSO user
 * (found by user name, or provisioned on first sight when {@code keygate.auth.auto-provision}).
 * Every path checks that the member is still active, so offboarding locks a person out at once.
 *
 * <p>Checks {@code local} user names and passwords. A PBKDF2 check costs ~0.1 s by design, too much
 * for every API call, so a successful check is remembered as an HMAC of (stored hash, password)
 * under a per-process random key: a changed password or hash no longer matches, and nothing
 * remembered can be turned back into a password.
 */
@Singleton
@Lock(LockType.READ)
public class Accounts {

    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    AccountStore store;

    private final byte[] pepper = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public Accounts() {
        new SecureRandom().nextBytes(pepper);
    }

    /** The member of a session, reloaded on every request so role changes and offboarding apply at once. */
    public Optional<Principal> active(String memberId, OrgRole fromGroups) {
        return store.byId(memberId).filter(Account::active).map(account -> principal(account, fromGroups));
    }

    /**
     * The member an SSO identity belongs to (user name = SSO subject or configured claim). Unknown
     * names are provisioned as members without team roles when {@code provision} is true, else
     * refused; offboarded members are always refused, and so is a name that would pass for a
     * service client's ({@code service:…}). {@code teamsFromGroups} (null when the mapping is off)
     * are the team roles the groups grant: the IdP-managed memberships follow them.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each read sees what the syncs before it committed
    public Optional<Principal> sso(String username, String displayName, String email, OrgRole fromGroups,
            Map<String, TeamRole> teamsFromGroups, boolean provision, String sourceIp) {
        if (username == null || username.isBlank() || username.startsWith(SERVICE_PREFIX)) {
            return Optional.empty(); // service:… names the IdP's service clients, never a person
        }
        Optional<Account> account = store.byUsername(username);
        if (account.isEmpty() && provision) {
            try {
                store.provision(username, displayName, email, sourceIp);
            } catch (RuntimeException raced) {
                // a concurrent first request provisioned the same person; read theirs below
            }
            account = store.byUsername(username);
        }
        if (teamsFromGroups != null && account.filter(Account::active).isPresent()
                && store.syncTeams(account.get().memberId(), teamsFromGroups, sourceIp)) {
            account = store.byId(account.get().memberId());
        }
        return account.filter(Account::active).map(a -> principal(a, fromGroups));
    }

    /**
     * Stored org role and group-granted role combined: ORG_ADMIN wins over AUDITOR, a stored role
     * over an equal one from groups. The source is the groups when they alone give the role.
     */
    static Principal principal(Account account, OrgRole fromGroups) {
        OrgRole stored = account.orgRole();
        OrgRole role = stored == OrgRole.ORG_ADMIN || fromGroups == OrgRole.ORG_ADMIN ? OrgRole.ORG_ADMIN
                : stored != null ? stored : fromGroups;
        OrgRoleSource source = role != null && role != stored ? OrgRoleSource.GROUPS : OrgRoleSource.KEYGATE;
        return new Principal(account.memberId(), account.username(), role, account.teamRoles(), source);
    }

    /**
     * A service client of the IdP ({@code keygate.auth.oidc.service-clients}): no member behind it,
     * so it is named {@code service:<client id>} (also its member id, which matches no member,
     * owns no key and is in no team) and has the org role SERVICE.
     */
    public static Principal service(String clientId) {
        String name = SERVICE_PREFIX + clientId;
        return new Principal(name, name, OrgRole.SERVICE, Map.of(), OrgRoleSource.SERVICE);
    }

    /** The prefix of a service client's name: a member's user name cannot be told from it otherwise. */
    public static final String SERVICE_PREFIX = "service:";

    /** The authenticated principal, or empty for an unknown user, wrong password or offboarded member. */
    public Optional<Principal> authenticate(String username, char[] password) {
        Optional<Account> account = store.byUsername(username);
        String stored = account.map(Account::passwordHash).orElse(null);
        if (!matches(username, password, stored)) {
            return Optional.empty();
        }
        return account.filter(Account::active).map(a -> principal(a, null));
    }

    private boolean matches(String username, char[] password, String stored) {
        if (stored == null) {
            PasswordHasher.verify(password, null);
            return false;
        }
        byte[] token = token(stored, password);
        byte[] remembered = verified.get(username);
        if (remembered != null && MessageDigest.isEqual(remembered, token)) {
            return true;
        }
        if (!PasswordHasher.verify(password, stored)) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(username, token);
        return true;
    }

    private byte[] token(String stored, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            mac.update(stored.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(new String(password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** What the filter hands to {@link Caller}. */
    public record Principal(String memberId, String username, OrgRole orgRole, Map<String, TeamRole> teamRoles,
            OrgRoleSource orgRoleSource) {
    }
}
