package org.keygate.setup.boundary;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.access.boundary.AuthMode;
import org.keygate.access.boundary.AuthSettings;
import org.keygate.access.boundary.OidcSettings;
import org.keygate.access.control.PasswordHasher;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.catalog.entity.Model;
import org.keygate.catalog.entity.ModelProvider;
import org.keygate.platform.control.Ids;
import org.keygate.team.boundary.MemberView;
import org.keygate.team.boundary.TeamView;
import org.keygate.team.control.TeamBalances;
import org.keygate.team.entity.LedgerEntry;
import org.keygate.team.entity.LedgerKind;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;
import org.keygate.team.entity.Team;

/**
 * First-start setup, after the migration: the bootstrap {@code admin} (ORG_ADMIN) and, with
 * {@code keygate.demo.enabled}, the {@code demo} provider, the {@code demo/echo} model and a team
 * {@code Default} with $10 demo credit (README.md). Each step happens once; later starts only print
 * where to go. Several nodes may start at once on one empty database: the seeding runs under a row
 * lock ({@code first_start_lock}, V14), so one node seeds and the others then find it done.
 */
@Singleton
@Startup
@DependsOn("Migrator")
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());
    static final String ADMIN = "admin";

    @PersistenceContext
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    AuthSettings authSettings;

    @Inject
    OidcSettings oidc;

    @Inject
    @ConfigProperty(name = "keygate.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "keygate.demo.enabled", defaultValue = "true")
    boolean demo;

    @Inject
    @ConfigProperty(name = "keygate.public-url", defaultValue = "http://localhost:8080/")
    String publicUrl;

    @PostConstruct
    void start() {
        // several nodes starting on an empty database: the first seeds it, the others wait here and then find it seeded
        em.createNativeQuery("SELECT id FROM first_start_lock WHERE id = 1 FOR UPDATE").getResultList();
        Instant now = Instant.now(clock);
        String generated = null;
        Member admin = em.createNamedQuery(Member.BY_USERNAME, Member.class).setParameter("username", ADMIN)
                .getResultStream().findFirst().orElse(null);
        if (admin == null) {
            String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
            if (password == null) {
                generated = randomPassword();
                password = generated;
            } else if (password.length() < 12) {
                throw new IllegalStateException("KEYGATE_ADMIN_PASSWORD must be at least 12 characters long");
            }
            admin = new Member(Ids.next("mem_", clock), ADMIN, now);
            admin.setDisplayName("Bootstrap administrator");
            admin.setOrgRole(OrgRole.ORG_ADMIN);
            admin.setPasswordHash(new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS).hash(password.toCharArray()));
            em.persist(admin);
            em.flush();
            audit.record(AuditLog.SYSTEM, null, "member.create", "member", admin.getId(), null, MemberView.from(admin));
        }
        if (demo) {
            seedDemo(admin, now);
        }
        banner(generated);
    }

    private void seedDemo(Member admin, Instant now) {
        ModelProvider provider = em.find(ModelProvider.class, ModelProvider.DEMO);
        if (provider == null) {
            provider = new ModelProvider(ModelProvider.DEMO, "Demo provider (local echo, no network)", ModelProvider.DEMO, null, null, now);
            em.persist(provider);
            audit.record(AuditLog.SYSTEM, null, "provider.create", "provider", ModelProvider.DEMO, null,
                    java.util.Map.of("id", ModelProvider.DEMO, "kind", ModelProvider.DEMO));
        }
        if (em.find(Model.class, "demo/echo") == null) {
            em.persist(new Model("demo/echo", provider, "echo", new BigDecimal("1.000000"), new BigDecimal("2.000000"),
                    new BigDecimal("0.500000"), 4096, now));
            audit.record(AuditLog.SYSTEM, null, "model.create", "model", "demo/echo", null,
                    java.util.Map.of("id", "demo/echo", "provider", ModelProvider.DEMO, "input_price", "1.000000",
                            "output_price", "2.000000"));
        }
        boolean anyTeam = !em.createQuery("SELECT t.id FROM Team t", String.class).setMaxResults(1).getResultList().isEmpty();
        if (!anyTeam) {
            Team team = new Team(Ids.next("team_", clock), "Default", now);
            em.persist(team);
            em.flush();
            TeamBalances.open(em, team.getId());
            admin.getMemberships().add(new Membership(Ids.next("msh_", clock), admin, team, TeamRole.TEAM_ADMIN));
            LedgerEntry credit = new LedgerEntry(Ids.next("led_", clock), team.getId(), new BigDecimal("10.000000"),
                    LedgerKind.DEMO_CREDIT, "Demo credit for the quick start", now, AuditLog.SYSTEM);
            em.persist(credit);
            TeamBalances.add(em, team.getId(), credit.getAmount());
            em.flush();
            audit.record(AuditLog.SYSTEM, null, "team.create", "team", team.getId(), null,
                    TeamView.from(team, credit.getAmount()));
        }
    }

    /**
     * Prints where to go and how to log in — once the server really answers: this runs while the
     * application is still being deployed, and the web pages come up seconds later (a newcomer who
     * followed an early banner got 503s and 500s). When the public URL is on this machine the
     * banner waits until {@code api/v1/me} answers there (401 without credentials), at most
     * {@link #BANNER_WAIT}; any other public URL is never contacted, the banner is printed at once.
     */
    private void banner(String generatedPassword) {
        AuthMode mode = authSettings.mode();
        String text = StartBanner.text(mode, publicUrl, mode == AuthMode.OIDC ? oidc.getIssuer() : null,
                generatedPassword);
        URI probe = localProbe();
        if (probe == null) {
            LOG.info(text);
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + BANNER_WAIT.toNanos();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (answers(http, probe) || System.nanoTime() > deadline) {
                LOG.info(text);
            } else {
                scheduler.schedule(check[0], 250, TimeUnit.MILLISECONDS);
            }
        };
        scheduler.schedule(check[0], 250, TimeUnit.MILLISECONDS);
    }

    static final Duration BANNER_WAIT = Duration.ofMinutes(5);

    /** {@code <public url>api/v1/me} when the public URL is a loopback address, else null. */
    private URI localProbe() {
        try {
            URI base = URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
            String host = base.getHost();
            boolean local = host != null && ("localhost".equalsIgnoreCase(host) || host.startsWith("127.")
                    || "[::1]".equals(host) || "::1".equals(host));
            return local && "http".equalsIgnoreCase(base.getScheme()) ? base.resolve("api/v1/me") : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean answers(HttpClient http, URI probe) {
        try {
            int status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 401 || status == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true; // shutting down: print rather than lose a generated password
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
