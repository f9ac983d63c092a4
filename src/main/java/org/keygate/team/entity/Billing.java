package org.keygate.team.entity;

/** Prepaid teams need balance for every call; postpaid teams may go negative (SPEC §1). */
public enum Billing {
    PREPAID, POSTPAID
}
