package org.keygate.platform.boundary;

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

import org.keygate.platform.control.PasswordHasher;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;
import org.keygate.team.entity.OrgRole;
import org.keygate.team.entity.TeamRole;

/**
 * Checks {@code local} user names and passwords. A PBKDF2 check costs ~0.1 s by design, too much
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
        Map<String, TeamRole> roles = member.getMemberships().stream()
                .collect(Collectors.toMap(m -> m.getTeam().getId(), Membership::getRole));
        return Optional.of(new Principal(member.getId(), member.getUsername(), member.getOrgRole(), roles));
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
