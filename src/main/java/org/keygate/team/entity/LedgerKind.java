package org.keygate.team.entity;

/** Why a team's balance moved; the balance is the sum of all entries. */
public enum LedgerKind {
    TOP_UP, ADJUSTMENT, DEMO_CREDIT, USAGE
}
