package org.keygate.catalog.control;

import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Provider credentials are references, not secrets (docs/api.md): a MicroProfile Config property name
 * such as {@code keygate.provider.openai.api-key} or an environment variable such as
 * {@code OPENAI_API_KEY}, resolved on the server that relays the call. The database only ever
 * holds the name.
 */
public final class CredentialRefs {

    private static final Pattern REF = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,199}");

    private CredentialRefs() {
    }

    public static boolean isValid(String ref) {
        return ref != null && REF.matcher(ref).matches();
    }

    /** The secret the reference names on this server, or empty when it is not configured. */
    public static Optional<String> resolve(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return ConfigProvider.getConfig().getOptionalValue(ref, String.class).filter(v -> !v.isBlank());
    }
}
