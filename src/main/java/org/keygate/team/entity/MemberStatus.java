package org.keygate.team.entity;

public enum MemberStatus {
    ACTIVE, OFFBOARDED
}
