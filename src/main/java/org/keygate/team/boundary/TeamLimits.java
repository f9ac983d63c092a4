package org.keygate.team.boundary;

/** Bounds and messages the team and member request records share. */
final class TeamLimits {

    static final int MAX_RPM = 1_000_000;
    static final String RPM = "must be between 1 and " + MAX_RPM;
    static final String BILLING = "prepaid|postpaid";
    static final String BILLING_MESSAGE = "must be prepaid or postpaid";
    static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,199}";
    static final String USERNAME_MESSAGE = "may contain letters, digits and . _ @ + - only";
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String EMAIL_MESSAGE = "must be an e-mail address";
    static final String ORG_ROLE = "ORG_ADMIN|AUDITOR|SERVICE";
    static final String ORG_ROLE_MESSAGE = "must be ORG_ADMIN, AUDITOR or SERVICE";
    static final String PASSWORD_MESSAGE = "must be 12 to 128 characters long";

    private TeamLimits() {
    }
}
