package org.keygate.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.access.control.HandClock;
import org.keygate.access.control.TestTokens;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@link BearerTokens} against a real identity provider's two documents — discovery and JWKS —
 * served by the JDK's HTTP server on loopback, which counts the JWKS fetches: a key rotation is
 * picked up, a flood of unknown key ids fetches at most once per interval, concurrent callers
 * share one fetch, and client-credentials tokens are told from people's.
 */
class BearerTokensTest {

    static final KeyPair OLD = TestTokens.rsa();
    static final KeyPair NEW = TestTokens.rsa();

    private final HandClock clock = new HandClock();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[" + TestTokens.jwk("old", OLD) + "]}";
    private volatile int jwksStatus = 200;
    private volatile CountDownLatch jwksHeld = new CountDownLatch(0);
    private HttpServer idp;
    private String issuer;
    private BearerTokens tokens;

    @BeforeEach
    void start() throws IOException {
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.setExecutor(Executors.newCachedThreadPool());
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/acme";
        idp.createContext("/realms/acme/.well-known/openid-configuration",
                x -> answer(x, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}"));
        idp.createContext("/realms/acme/certs", x -> {
            jwksFetches.incrementAndGet();
            try {
                jwksHeld.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, jwksStatus, jwks);
        });
        idp.start();
        tokens = tokens("billing-bot");
    }

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    private BearerTokens tokens(String serviceClients) {
        OidcSettings oidc = new OidcSettings();
        oidc.issuer = Optional.of(issuer);
        oidc.clientId = Optional.of("keygate");
        oidc.audience = Optional.empty();
        oidc.usernameClaim = "sub";
        oidc.groupsClaim = "groups";
        oidc.allowedClients = Optional.of("reports");
        oidc.serviceClients = Optional.of(serviceClients);
        oidc.clockSkewSeconds = 30;
        oidc.jwksRefreshSeconds = 30;
        OidcDiscovery discovery = new OidcDiscovery();
        discovery.oidc = oidc;
        BearerTokens out = new BearerTokens();
        out.oidc = oidc;
        out.discovery = discovery;
        out.clock = clock;
        out.init();
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String person(String sub, String extra) {
        long now = clock.instant().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"" + sub + "\",\"aud\":[\"keygate\",\"account\"],\"azp\":\"keygate\","
                + "\"sid\":\"s-1\",\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"groups\":[\"keygate-admins\"]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private String clientCredentials(String client) {
        long now = clock.instant().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"" + UUID.randomUUID() + "\",\"aud\":[\"keygate\",\"account\"],\"azp\":\""
                + client + "\",\"client_id\":\"" + client + "\",\"preferred_username\":\"service-account-" + client
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}";
    }

    private Optional<BearerTokens.Identity> check(KeyPair key, String kid, String claims) throws Exception {
        return tokens.verify("Bearer " + TestTokens.sign(key, "RS256", kid, claims));
    }

    @Test
    void aRotatedKeyIsFetchedOnceTheIntervalHasPassedAndTheRetiredOneIsRefused() throws Exception {
        assertEquals("alice", check(OLD, "old", person("alice", "")).orElseThrow().username());
        assertEquals(1, jwksFetches.get());

        jwks = "{\"keys\":[" + TestTokens.jwk("new", NEW) + "]}"; // the IdP rotates: a new key, the old one retired
        clock.advance(Duration.ofSeconds(29));
        assertTrue(check(NEW, "new", person("alice", "")).isEmpty(), "a fetch 29 s after the last one is not due yet");
        assertEquals(1, jwksFetches.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("alice", check(NEW, "new", person("alice", "")).orElseThrow().username(), "30 s on: fetched");
        assertEquals(2, jwksFetches.get());
        assertEquals("alice", check(NEW, "new", person("alice", "")).orElseThrow().username());
        assertEquals(2, jwksFetches.get(), "a known key needs no fetch");
        assertTrue(check(OLD, "old", person("alice", "")).isEmpty(), "the retired key no longer signs anything");
    }

    @Test
    void aFloodOfUnknownKeyIdsFetchesAtMostOncePerInterval() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertTrue(check(OLD, UUID.randomUUID().toString(), person("mallory", "")).isEmpty());
        }
        assertEquals(1, jwksFetches.get(), "200 random kids, one fetch");
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 200; i++) {
            assertTrue(check(OLD, UUID.randomUUID().toString(), person("mallory", "")).isEmpty());
        }
        assertEquals(2, jwksFetches.get(), "one more in the next interval");
        assertEquals("alice", check(OLD, "old", person("alice", "")).orElseThrow().username(), "known keys still work");
    }

    @Test
    void whileTheIdpFailsItIsAskedOncePerIntervalNotOncePerCall() throws Exception {
        jwksStatus = 503;
        for (int i = 0; i < 50; i++) {
            assertTrue(check(OLD, "old", person("alice", "")).isEmpty());
        }
        assertEquals(1, jwksFetches.get());
        jwksStatus = 200;
        clock.advance(Duration.ofSeconds(30));
        assertEquals("alice", check(OLD, "old", person("alice", "")).orElseThrow().username(), "back once it answers");
        assertEquals(2, jwksFetches.get());
    }

    @Test
    void concurrentCallersNeedingKeysShareOneFetch() throws Exception {
        jwksHeld = new CountDownLatch(1); // the IdP does not answer until every caller is waiting
        String token = "Bearer " + TestTokens.sign(OLD, "RS256", "old", person("alice", ""));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            List<Future<Optional<BearerTokens.Identity>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> {
                    threads.add(Thread.currentThread());
                    return tokens.verify(token);
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(threads.size() == 8 && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.BLOCKED))
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            jwksHeld.countDown();
            for (Future<Optional<BearerTokens.Identity>> result : results) {
                assertEquals("alice", result.get(20, TimeUnit.SECONDS).orElseThrow().username());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, jwksFetches.get(), "eight callers, one fetch");
    }

    @Test
    void aServiceClientsOwnTokenIsAServiceAndAnotherClientsIsRefused() throws Exception {
        BearerTokens.Identity bot = check(OLD, "old", clientCredentials("billing-bot")).orElseThrow();
        assertTrue(bot.isService());
        assertEquals("billing-bot", bot.serviceClient());
        assertTrue(check(OLD, "old", clientCredentials("other-app")).isEmpty(),
                "another client's token naming Keygate as audience: refused, not provisioned");
        assertTrue(check(OLD, "old", clientCredentials("keygate")).isEmpty(),
                "even Keygate's own client: its service account is not a person");
        tokens = tokens("billing-bot, keygate");
        assertTrue(check(OLD, "old", clientCredentials("keygate")).orElseThrow().isService(), "once listed");
    }

    /** How each IdP tells a client's own token from a person's (the claims as Keycloak, Entra ID and Okta issue them). */
    @Test
    void ownClientTokensAreToldApartAsEachIdentityProviderIssuesThem() throws Exception {
        assertEquals(java.util.Optional.of("bot"), BearerTokens.ownClient(claims(
                "{\"sub\":\"5f0c\",\"azp\":\"bot\",\"client_id\":\"bot\",\"preferred_username\":\"service-account-bot\"}")), "Keycloak");
        assertEquals(java.util.Optional.empty(), BearerTokens.ownClient(claims(
                "{\"sub\":\"5f0c\",\"azp\":\"bot\",\"sid\":\"s1\",\"preferred_username\":\"alice\"}")), "Keycloak, a person");
        assertEquals(java.util.Optional.of("c0ffee-app"), BearerTokens.ownClient(claims(
                "{\"sub\":\"9a1b-sp-object\",\"oid\":\"9a1b-sp-object\",\"azp\":\"c0ffee-app\",\"idtyp\":\"app\"}")), "Entra ID, app-only");
        assertEquals(java.util.Optional.empty(), BearerTokens.ownClient(claims(
                "{\"sub\":\"u-7\",\"oid\":\"u-7\",\"azp\":\"c0ffee-app\",\"idtyp\":\"user\"}")), "Entra ID, a person");
        assertEquals(java.util.Optional.of("0oa1bot"), BearerTokens.ownClient(claims(
                "{\"sub\":\"0oa1bot\",\"cid\":\"0oa1bot\",\"scp\":[\"keygate\"]}")), "Okta, client credentials");
        assertEquals(java.util.Optional.empty(), BearerTokens.ownClient(claims(
                "{\"sub\":\"alice@example.com\",\"cid\":\"0oa1bot\",\"uid\":\"00u1\"}")), "Okta, a person");
    }

    private static jakarta.json.JsonObject claims(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void aPersonsTokenMustComeThroughKeygateOrAnAllowedClient() throws Exception {
        BearerTokens.Identity alice = check(OLD, "old", person("alice", "")).orElseThrow();
        assertEquals(Set.of("keygate-admins"), alice.groups());
        assertTrue(!alice.isService());
        String viaReports = person("alice", "").replace("\"azp\":\"keygate\"", "\"azp\":\"reports\"");
        assertEquals("alice", check(OLD, "old", viaReports).orElseThrow().username(), "an allowed client");
        String viaOther = person("alice", "").replace("\"azp\":\"keygate\"", "\"azp\":\"other-app\"");
        assertTrue(check(OLD, "old", viaOther).isEmpty());
        String viaBot = person("alice", "").replace("\"azp\":\"keygate\"", "\"azp\":\"billing-bot\"");
        assertTrue(check(OLD, "old", viaBot).isEmpty(), "a person signed in through a service client is not let in by it");
    }

    @Test
    void timesAreCheckedAgainstTheInjectedClockWithTheConfiguredSkew() throws Exception {
        long now = clock.instant().getEpochSecond();
        String expired = person("alice", "").replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 30));
        assertTrue(check(OLD, "old", expired).isEmpty());
        String nearlyExpired = person("alice", "").replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 29));
        assertTrue(check(OLD, "old", nearlyExpired).isPresent());
        String future = person("alice", "").replaceAll("\"iat\":\\d+", "\"iat\":" + (now + 31));
        assertTrue(check(OLD, "old", future).isEmpty());
    }
}
