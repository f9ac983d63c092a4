package org.keygate.team.entity;

/** Prepaid teams need balance for every call; postpaid teams may go negative (docs/api.md). */
public enum Billing {
    PREPAID, POSTPAID
}
