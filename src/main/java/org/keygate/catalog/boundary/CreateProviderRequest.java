package org.keygate.catalog.boundary;

import jakarta.validation.constraints.Pattern;

import org.keygate.catalog.control.CredentialRef;
import org.keygate.catalog.control.ModelPatterns;
import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/providers}. {@code credential_ref} names a MicroProfile Config property or
 * environment variable that holds the upstream API key; the secret itself never enters the API.
 * {@code name} defaults to the id; {@code base_url} is required for {@code openai}, defaults to
 * Anthropic's API for {@code anthropic} and is refused for {@code demo} (the service's check: it
 * depends on the kind).
 */
public record CreateProviderRequest(
        @Text(max = 64, required = true, pattern = ModelPatterns.PROVIDER_ID_REGEX, mismatch = CatalogLimits.PROVIDER_ID_MESSAGE)
        String id,
        @Text(max = 200, allowBlank = false) String name,
        @Pattern(regexp = "openai|anthropic|demo", message = "must be openai (any OpenAI-compatible endpoint),"
                + " anthropic (Anthropic's Messages API) or demo") String kind,
        @Text(max = 1000) String baseUrl,
        @CredentialRef String credentialRef) {
}
