package org.keygate.access.boundary;

import java.util.Locale;

/** {@code keygate.auth.mode} (docs/authentication.md): who vouches for the person at the other end. */
public enum AuthMode {
    /** Keygate's own users: form login for pages, HTTP Basic for the API. */
    LOCAL,
    /** Jakarta Security OpenID Connect for pages, the IdP's bearer access tokens for the API. */
    OIDC,
    /** An SSO proxy in front sets user and group headers; believed only from trusted-proxy addresses. */
    HEADER;

    public static AuthMode of(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("keygate.auth.mode must be local, oidc or header, not '" + value + "'");
        }
    }
}
