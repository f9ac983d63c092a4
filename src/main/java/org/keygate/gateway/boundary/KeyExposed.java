package org.keygate.gateway.boundary;

import java.time.Instant;

/**
 * A live key arrived in a URL's query string, where proxies and access logs keep it. Fired
 * asynchronously, once per key and node; monitoring raises the alert. Carries no key.
 */
public record KeyExposed(String keyId, String method, String path, String clientIp, Instant at) {
}
