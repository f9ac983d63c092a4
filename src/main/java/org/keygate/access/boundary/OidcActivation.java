package org.keygate.access.boundary;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the Jakarta Security OpenID Connect definition ({@link OidcLogin}) out of the application
 * unless {@code keygate.auth.mode=oidc}: a vetoed class never becomes a bean, so the server's
 * Jakarta Security never sees the definition and installs no mechanism.
 */
public class OidcActivation implements Extension {

    <T> void onlyInOidcMode(@Observes @WithAnnotations(OpenIdAuthenticationMechanismDefinition.class)
            ProcessAnnotatedType<T> type) {
        String mode = ConfigProvider.getConfig().getOptionalValue("keygate.auth.mode", String.class).orElse("local");
        if (AuthMode.of(mode) != AuthMode.OIDC) {
            type.veto();
        }
    }
}
