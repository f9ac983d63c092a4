package org.keygate.access.boundary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.control.PasswordHasher;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;
import org.keygate.team.boundary.Provisioning;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;

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

    @PersistenceContext
    EntityManager em;

    private final byte[] pepper = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public Accounts() {
        new SecureRandom().nextBytes(pepper);
    }

    @jakarta.inject.Inject
    Provisioning provisioning;

    /** The member of a session, reloaded on every request so role changes and offboarding apply at once. */
    public Optional<Principal> active(String memberId, OrgRole fromGroups) {
        Member member = memberId == null ? null : em.find(Member.class, memberId);
        return member == null || !member.isActive() ? Optional.empty() : Optional.of(principal(member, fromGroups));
    }

    /**
     * The member an SSO identity belongs to (user name = SSO subject or configured claim). Unknown
     * names are provisioned as members without team roles when {@code provision} is true, else
     * refused; offboarded members are always refused.
     */
    public Optional<Principal> sso(String username, String displayName, String email, OrgRole fromGroups,
            boolean provision, String sourceIp) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        Member member = byUsername(username);
        if (member == null && provision) {
            try {
                provisioning.provision(username, displayName, email, sourceIp);
            } catch (RuntimeException raced) {
                // a concurrent first request provisioned the same person; read theirs below
            }
            member = byUsername(username);
        }
        if (member == null || !member.isActive()) {
            return Optional.empty();
        }
        return Optional.of(principal(member, fromGroups));
    }

    private Member byUsername(String username) {
        List<Member> found = em.createNamedQuery(Member.BY_USERNAME, Member.class)
                .setParameter("username", username).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Stored org role and group-granted role combined: ORG_ADMIN wins over AUDITOR. */
    private static Principal principal(Member member, OrgRole fromGroups) {
        OrgRole stored = member.getOrgRole();
        OrgRole role = stored == OrgRole.ORG_ADMIN || fromGroups == OrgRole.ORG_ADMIN ? OrgRole.ORG_ADMIN
                : stored != null ? stored : fromGroups;
        Map<String, TeamRole> roles = member.getMemberships().stream()
                .collect(Collectors.toMap(m -> m.getTeam().getId(), Membership::getRole));
        return new Principal(member.getId(), member.getUsername(), role, roles);
    }

    /** The authenticated principal, or empty for an unknown user, wrong password or offboarded member. */
    public Optional<Principal> authenticate(String username, char[] password) {
        List<Member> found = em.createNamedQuery(Member.BY_USERNAME, Member.class)
                .setParameter("username", username).getResultList();
        Member member = found.isEmpty() ? null : found.get(0);
        String stored = member == null ? null : member.getPasswordHash();
        if (!matches(username, password, stored)) {
            return Optional.empty();
        }
        if (!member.isActive()) {
            return Optional.empty();
        }
        return Optional.of(principal(member, null));
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
    public record Principal(String memberId, String username, OrgRole orgRole, Map<String, TeamRole> teamRoles) {
    }
}
