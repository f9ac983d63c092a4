package org.keygate.team.control;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * A team's balance as one row of {@code team_balance} (V13): the running total of its ledger,
 * changed by an atomic {@code UPDATE ... balance = balance + ?} in the transaction that writes the
 * ledger entry, so the two always agree and concurrent writers (the usage writer, a top-up) never
 * lose an update. Reading it is one row per team however long the ledger grows.
 */
public final class TeamBalances {

    /** For JDBC writers (the usage writer): amount, then team id. */
    public static final String ADD = "UPDATE team_balance SET balance = balance + ? WHERE team_id = ?";

    private TeamBalances() {
    }

    /** The balance row of a new team; the team must be flushed already (the row refers to it). */
    public static void open(EntityManager em, String teamId) {
        em.createNativeQuery("INSERT INTO team_balance (team_id, balance) VALUES (?1, 0)").setParameter(1, teamId)
                .executeUpdate();
    }

    public static void add(EntityManager em, String teamId, BigDecimal amount) {
        int rows = em.createNativeQuery("UPDATE team_balance SET balance = balance + ?1 WHERE team_id = ?2")
                .setParameter(1, amount).setParameter(2, teamId).executeUpdate();
        if (rows != 1) {
            throw new IllegalStateException("team " + teamId + " has no balance row");
        }
    }

    public static BigDecimal of(EntityManager em, String teamId) {
        return of(em, List.of(teamId)).getOrDefault(teamId, BigDecimal.ZERO.setScale(6));
    }

    public static Map<String, BigDecimal> of(EntityManager em, List<String> teamIds) {
        Map<String, BigDecimal> out = new HashMap<>();
        if (teamIds.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", Collections.nCopies(teamIds.size(), "?"));
        var query = em.createNativeQuery("SELECT team_id, balance FROM team_balance WHERE team_id IN (" + marks + ")");
        for (int i = 0; i < teamIds.size(); i++) {
            query.setParameter(i + 1, teamIds.get(i));
        }
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            out.put((String) r[0], (r[1] instanceof BigDecimal b ? b : new BigDecimal(r[1].toString())).setScale(6));
        }
        return out;
    }
}
