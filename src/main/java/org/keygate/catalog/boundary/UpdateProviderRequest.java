package org.keygate.catalog.boundary;

import java.util.Optional;

import org.keygate.catalog.control.CredentialRef;
import org.keygate.platform.control.Text;

/** {@code PATCH /api/v1/providers/{id}}: absent fields (null here) stay, {@code null} clears the credential reference. */
public record UpdateProviderRequest(
        Optional<@Text(max = 200, required = true) String> name,
        Optional<@Text(max = 1000) String> baseUrl,
        Optional<@CredentialRef String> credentialRef) {
}
