package org.keygate.catalog.boundary;

import java.util.Optional;

/** {@code PATCH /api/v1/providers/{id}}: absent fields stay, {@code null} clears the credential reference. */
public record UpdateProviderRequest(Optional<String> name, Optional<String> baseUrl, Optional<String> credentialRef) {
}
