/**
 * Models with their USD prices per 1M tokens and the upstream providers serving them; a provider
 * holds the name of its credential's setting, never the secret.
 */
package org.keygate.catalog.entity;
