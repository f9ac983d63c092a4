package org.keygate.team.boundary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.control.Account;
import org.keygate.access.control.AccountStore;
import org.keygate.access.entity.TeamRole;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;

/** The members as the access feature reads them to authenticate a person (see {@link AccountStore}). */
@Stateless
public class MemberAccounts implements AccountStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Provisioning provisioning;

    @Override
    public Optional<Account> byId(String memberId) {
        return memberId == null ? Optional.empty() : Optional.ofNullable(em.find(Member.class, memberId)).map(MemberAccounts::account);
    }

    @Override
    public Optional<Account> byUsername(String username) {
        List<Member> found = em.createNamedQuery(Member.BY_USERNAME, Member.class)
                .setParameter("username", username).getResultList();
        return found.stream().findFirst().map(MemberAccounts::account);
    }

    @Override
    public void provision(String username, String displayName, String email, String sourceIp) {
        provisioning.provision(username, displayName, email, sourceIp);
    }

    @Override
    public boolean syncTeams(String memberId, Map<String, TeamRole> byTeam, String sourceIp) {
        return provisioning.syncTeams(memberId, byTeam, sourceIp);
    }

    private static Account account(Member member) {
        Map<String, TeamRole> roles = member.getMemberships().stream()
                .collect(Collectors.toMap(m -> m.getTeam().getId(), Membership::getRole));
        return new Account(member.getId(), member.getUsername(), member.getPasswordHash(), member.isActive(),
                member.getOrgRole(), roles);
    }
}
