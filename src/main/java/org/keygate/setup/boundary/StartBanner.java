package org.keygate.setup.boundary;

import org.keygate.access.boundary.AuthMode;

/**
 * The text of the start-up banner: where Keygate is and how to get in, in the words of the
 * authentication mode in force. A newcomer follows it literally, so it must never offer what the
 * mode refuses: the local {@code admin}'s password and HTTP Basic exist for the API and the pages
 * only in {@code local} mode; with {@code oidc} people sign in at the IdP and the API takes its
 * bearer tokens; with {@code header} the SSO proxy in front is the way in.
 */
final class StartBanner {

    private StartBanner() {
    }

    /**
     * @param issuer the IdP's issuer ({@code oidc} mode only, else ignored)
     * @param generatedPassword the local admin's password made at this start, or null when it was
     *        given ({@code KEYGATE_ADMIN_PASSWORD}) or made at an earlier start
     */
    static String text(AuthMode mode, String publicUrl, String issuer, String generatedPassword) {
        String base = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
        StringBuilder out = new StringBuilder("\n\n  Keygate is ready at ").append(base);
        switch (mode) {
            case LOCAL -> out.append("\n  Management API: ").append(base).append("api/v1  (HTTP Basic)")
                    .append("\n  Log in as ").append(generatedPassword != null
                            ? "user 'admin', generated password: " + generatedPassword
                                    + "  (shown only this once; store it now)"
                            : "user 'admin' with the password set at first start (KEYGATE_ADMIN_PASSWORD)");
            case OIDC -> out.append("\n  Log in at ").append(base).append("admin/index.xhtml  (sign in with ")
                    .append(issuer).append(')')
                    .append("\n  Management API: ").append(base).append("api/v1  (bearer tokens from ")
                    .append(issuer).append(')');
            case HEADER -> out.append("\n  Pages: ").append(base).append("admin/index.xhtml, behind the SSO proxy")
                    .append(" (only requests through it, from keygate.trusted-proxies, get in)")
                    .append("\n  Management API: ").append(base).append("api/v1  (through the SSO proxy too)");
        }
        return out.append('\n').toString();
    }
}
