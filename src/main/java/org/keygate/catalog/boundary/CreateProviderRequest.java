package org.keygate.catalog.boundary;

/**
 * {@code POST /api/v1/providers}. {@code credential_ref} names a MicroProfile Config property or
 * environment variable that holds the upstream API key; the secret itself never enters the API.
 */
public record CreateProviderRequest(String id, String name, String kind, String baseUrl, String credentialRef) {
}
