package org.keygate.catalog.boundary;

import java.time.Instant;

import org.keygate.catalog.entity.ModelProvider;

/**
 * A provider as the API shows it. {@code credential_configured} tells an admin whether the
 * reference resolves on this server, without ever showing the value.
 */
public record ProviderView(String id, String name, String kind, boolean demo, String baseUrl, String credentialRef,
        boolean credentialConfigured, Instant createdAt) {

    public static ProviderView from(ModelProvider p, boolean credentialConfigured) {
        return new ProviderView(p.getId(), p.getName(), p.getKind(), p.isDemo(), p.getBaseUrl(), p.getCredentialRef(),
                credentialConfigured, p.getCreatedAt());
    }
}
