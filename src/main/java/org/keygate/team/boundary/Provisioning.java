package org.keygate.team.boundary;

import java.time.Clock;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.audit.boundary.AuditLog;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.TextValidator;
import org.keygate.team.entity.Member;

/**
 * Creates the member record of an SSO user seen for the first time, in its own transaction so a
 * concurrent first request that loses the unique-name race cannot spoil the caller's. The new
 * member has no password (SSO only), no stored org role (that comes from groups on each login) and
 * no team: a team admin adds them to teams on the Members page.
 */
@Stateless
public class Provisioning {

    static final String ACTOR = "sso";

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void provision(String username, String displayName, String email, String sourceIp) {
        String problem = TextValidator.problem(username, 200, true);
        if (problem != null) {
            throw new InvalidInput("username", problem);
        }
        Member member = new Member(Ids.next("mem_", clock), Input.text(username), Instant.now(clock));
        member.setDisplayName(safe(displayName, 200));
        member.setEmail(safe(email, 320));
        em.persist(member);
        em.flush();
        audit.record(ACTOR, sourceIp, "member.provision", "member", member.getId(), null, MemberView.from(member));
    }

    /** What the identity provider says, if it is acceptable text; nothing otherwise (it is optional). */
    private static String safe(String value, int max) {
        return TextValidator.problem(value, max, false) == null ? Input.text(value) : null;
    }
}
