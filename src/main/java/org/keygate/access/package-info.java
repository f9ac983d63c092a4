/**
 * Who is calling (docs/authentication.md): local, header and OpenID Connect logins, sessions and bearer tokens,
 * ending in the {@code Caller} every service asks; members are read only via {@code AccountStore}.
 */
package org.keygate.access;
