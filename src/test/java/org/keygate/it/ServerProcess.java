package org.keygate.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Keygate server in a JVM of its own, started from the command line the way users start one —
 * Payara Micro with {@code --deploy}, a WildFly with the WAR in its deployment folder, or a Payara
 * Server domain with {@code asadmin deploy} — on
 * 127.0.0.1 and free ports, its console written to a log file. {@link #start} returns once the
 * application answers as a whole (the admin authenticates on the management API);
 * {@link #close()} stops it with SIGTERM (a clean stop, as a service manager does) and kills what
 * is left after a minute, child processes included.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final URL url;
    private final Path log;
    /** Run first by {@link #close()} (Payara Server: {@code asadmin stop-domain}); null for the others. */
    private final Runnable cleanStop;

    private ServerProcess(Process process, URL url, Path log) {
        this(process, url, log, null);
    }

    private ServerProcess(Process process, URL url, Path log, Runnable cleanStop) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.cleanStop = cleanStop;
    }

    /**
     * Payara Micro serving {@code war} at the root context, started with exactly the options of the
     * embedded default ({@code mvn package payara-micro:start}: the pom's payara-micro-maven-plugin
     * configuration) except the port, which is a free one. So what the tests see — no Hazelcast, no
     * port but HTTP, loopback only — is what a user's first start gets.
     */
    public static ServerProcess payaraMicro(String microJar, File war, Path log) {
        return payaraMicro(microJar, war, log, null);
    }

    /**
     * The same on PostgreSQL when {@code database} is not null: the driver jar added with
     * {@code --addlibs} and the pool, resource and {@code keygate.datasource} of
     * {@code server-config/payara/postgres-pool.asadmin} as post-boot commands, as in production.
     */
    public static ServerProcess payaraMicro(String microJar, File war, Path log, String database) {
        return payaraMicro(microJar, war, log, database, Map.of());
    }

    /**
     * The same with {@code properties} as system properties of the server's JVM, after (so over)
     * the database's {@code keygate.db.*} ones: a test's settings per server, where one WAR runs on several.
     */
    public static ServerProcess payaraMicro(String microJar, File war, Path log, String database,
            Map<String, String> properties) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        EmbeddedDefault options = EmbeddedDefault.fromPom(Path.of(System.getProperty("basedir", ".")));
        command.addAll(options.javaOptions());
        command.addAll(systemProperties(database, properties));
        command.add("-jar");
        command.add(microJar);
        command.addAll(options.withPort(port));
        if (database != null) {
            command.addAll(List.of("--addlibs", TestDatabase.driverJar().toString(), "--postbootcommandfile",
                    Path.of("server-config", "payara", "postgres-pool.asadmin").toAbsolutePath().toString()));
        }
        command.addAll(List.of("--deploy", war.getAbsolutePath(), "--contextroot", "/"));
        return start(new ProcessBuilder(command), port, log);
    }

    /** The server kind this build's ITs run on: {@code payara-micro} (default) or, with {@code -Dwildfly}, {@code wildfly}. */
    public static String buildKind() {
        return System.getProperty("arquillian.launch", "payara-micro");
    }

    /**
     * A server of {@link #buildKind} with {@code war}: Payara Micro, or a WildFly whose server
     * folder is {@code wildFlyDir}; on PostgreSQL when {@code database} is not null.
     */
    public static ServerProcess ofBuildKind(File war, Path wildFlyDir, Path log, String database) {
        return ofBuildKind(war, wildFlyDir, log, database, Map.of());
    }

    /** The same with {@code properties} as system properties of the server's JVM (see {@link #payaraMicro(String, File, Path, String, Map)}). */
    public static ServerProcess ofBuildKind(File war, Path wildFlyDir, Path log, String database,
            Map<String, String> properties) {
        return switch (buildKind()) {
            case "payara-micro" -> payaraMicro(requiredProperty("payara.microJar"), war, log, database, properties);
            case "wildfly" -> wildFly(Path.of(requiredProperty("jboss.home")), wildFlyDir, war, log, database, properties);
            default -> throw new IllegalStateException("unknown server kind arquillian.launch=" + buildKind());
        };
    }

    /** {@code -D} options: the database's {@code keygate.db.*} settings (when it is not null), then {@code properties}. */
    private static List<String> systemProperties(String database, Map<String, String> properties) {
        Map<String, String> all = new TreeMap<>();
        if (database != null) {
            all.putAll(TestDatabase.serverProperties(database));
        }
        all.putAll(properties);
        List<String> options = new ArrayList<>();
        all.forEach((k, v) -> options.add("-D" + k + "=" + v));
        return options;
    }

    private static String requiredProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run the ITs through mvn verify");
        }
        return value;
    }

    /**
     * A WildFly of the distribution at {@code jbossHome} with a server folder of its own
     * ({@code baseDir}, with a copy of the distribution's {@code standalone/configuration}), so it runs next to
     * another server of the same distribution; {@code war} is deployed by its deployment scanner
     * (the WAR's {@code jboss-web.xml} puts it at the root context). Every socket is moved by one
     * free port offset.
     */
    public static ServerProcess wildFly(Path jbossHome, Path baseDir, File war, Path log) {
        return wildFly(jbossHome, baseDir, war, log, null);
    }

    /**
     * The same on PostgreSQL when {@code database} is not null: its configuration gets the driver
     * module, datasource and {@code keygate.datasource} of
     * {@code server-config/wildfly/postgres-datasource.cli}, run offline as in production.
     */
    public static ServerProcess wildFly(Path jbossHome, Path baseDir, File war, Path log, String database) {
        return wildFly(jbossHome, baseDir, war, log, database, Map.of());
    }

    /** The same with {@code properties} as system properties of the server's JVM (see {@link #payaraMicro(String, File, Path, String, Map)}). */
    public static ServerProcess wildFly(Path jbossHome, Path baseDir, File war, Path log, String database,
            Map<String, String> properties) {
        copyTree(jbossHome.resolve("standalone").resolve("configuration"), baseDir.resolve("configuration"));
        copy(war.toPath(), baseDir.resolve("deployments").resolve("keygate.war"));
        List<String> command = new ArrayList<>(List.of(jbossHome.resolve("bin").resolve("standalone.sh").toString()));
        if (database != null) {
            configurePostgres(jbossHome, baseDir, "standalone.xml");
        }
        command.addAll(systemProperties(database, properties));
        int offset = freeWildFlyOffset();
        command.addAll(List.of("-Djboss.server.base.dir=" + baseDir.toAbsolutePath(), "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1", "-Djboss.socket.binding.port-offset=" + offset));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m"
                + " -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true");
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        return start(builder, 8080 + offset, log);
    }

    /** The configuration the Arquillian-started WildFly runs on H2 ({@code arquillian.xml}): the stock one with {@code oidc.cli}. */
    public static final String ARQUILLIAN_CONFIG = "standalone-keygate.xml";
    /** The configuration the Arquillian-started WildFly runs on PostgreSQL ({@code arquillian.xml}): that one with the datasource too. */
    public static final String ARQUILLIAN_POSTGRES_CONFIG = "standalone-keygate-postgres.xml";
    private static boolean arquillianPrepared;

    /**
     * Writes the configuration the Arquillian-started WildFly opens next to the distribution's
     * {@code standalone.xml}, once per test run, before Arquillian starts that WildFly: a copy of it
     * with {@code server-config/wildfly/oidc.cli} ({@link #ARQUILLIAN_CONFIG}), since that server runs
     * the classes with a deployment of their own, {@code oidc} mode among them; on PostgreSQL
     * ({@code keygate.it.db=postgres}) {@link #ARQUILLIAN_POSTGRES_CONFIG}, with the datasource as well.
     * The shared server keeps the stock configuration, so local mode is seen to need neither script.
     */
    public static synchronized void prepareArquillianWildFly() {
        if (arquillianPrepared) {
            return;
        }
        String home = System.getProperty("jboss.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("jboss.home is not set: run the ITs through mvn verify -Dwildfly");
        }
        Path configuration = Path.of(home, "standalone", "configuration");
        String config = "postgres".equals(System.getProperty("keygate.it.db")) ? ARQUILLIAN_POSTGRES_CONFIG : ARQUILLIAN_CONFIG;
        copy(configuration.resolve("standalone.xml"), configuration.resolve(config));
        runCli(Path.of(home), null, config, "oidc.cli", List.of(), line -> true);
        if (config.equals(ARQUILLIAN_POSTGRES_CONFIG)) {
            configurePostgres(Path.of(home), null, config);
        }
        arquillianPrepared = true;
    }

    /**
     * Runs {@code server-config/wildfly/postgres-datasource.cli} on {@code serverConfig} of {@code baseDir}
     * ({@link #runCli}). The driver module goes into the distribution, so a second server of the same
     * distribution finds it there and skips that line.
     */
    private static synchronized void configurePostgres(Path jbossHome, Path baseDir, String serverConfig) {
        boolean moduleThere = Files.exists(jbossHome.resolve("modules/org/postgresql/main/module.xml"));
        runCli(jbossHome, baseDir, serverConfig, "postgres-datasource.cli",
                List.of("-Dkeygate.db.driver=" + TestDatabase.driverJar()),
                line -> !(moduleThere && line.startsWith("module add ")));
    }

    /**
     * Runs the lines of {@code server-config/wildfly/<script>} that {@code keep} keeps with
     * {@code jboss-cli.sh} (and {@code options}) in embed-server mode on {@code serverConfig} of
     * {@code baseDir} (the distribution's {@code standalone} folder when null), as a user runs it offline.
     */
    private static synchronized void runCli(Path jbossHome, Path baseDir, String serverConfig, String script,
            List<String> options, Predicate<String> keep) {
        try {
            Path file = Path.of("server-config", "wildfly", script).toAbsolutePath();
            List<String> lines = new ArrayList<>();
            lines.add("embed-server --server-config=" + serverConfig + " --std-out=discard");
            Files.readAllLines(file).stream().filter(keep).forEach(lines::add);
            lines.add("stop-embedded-server");
            Path run = Files.createTempFile(Path.of("target").toAbsolutePath(), script.replace(".cli", "-"), ".cli");
            Files.write(run, lines);
            List<String> command = new ArrayList<>(List.of(jbossHome.resolve("bin").resolve("jboss-cli.sh").toString()));
            command.addAll(options);
            command.add("--file=" + run);
            ProcessBuilder cli = new ProcessBuilder(command);
            cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
            if (baseDir != null) {
                cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir.toAbsolutePath());
            }
            Path out = run.resolveSibling(run.getFileName() + ".log");
            Process process = cli.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("jboss-cli failed on " + file + "; see " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #payaraServer} names its domain. */
    public static final String PAYARA_DOMAIN = "keygate";

    /**
     * A Payara Server 6 of the distribution at {@code payaraHome} with a domain of its own
     * ({@link #PAYARA_DOMAIN}, made anew under {@code domainsDir} by {@code asadmin create-domain}
     * on a free port base, so every port moves), deploying {@code war} at the root context.
     *
     * <p>Before its first start the domain's {@code domain.xml} (server-config) is made loopback-only
     * and quiet, the offline equivalent of {@code asadmin set ...address=127.0.0.1} on every listener,
     * {@code set-hazelcast-configuration --enabled=false}, {@code disable-phone-home} and
     * {@code set ...jms-service.type=DISABLED}: done on a running domain, those would come only after
     * a first start that listens on every interface, starts Hazelcast and phones home.
     *
     * <p>On PostgreSQL ({@code database} not null) the driver goes into the domain's {@code lib/}
     * (the equivalent of {@code add-library}, without the restart a running domain needs), and once the
     * domain runs one {@code asadmin multimode} call sets the {@code keygate.db.*} system properties,
     * applies {@code server-config/payara/postgres-pool.asadmin} unchanged and deploys the WAR.
     * The domain runs in the foreground ({@code start-domain --verbose}), so the server JVM is a child
     * of {@link #process()}; {@link #close()} runs {@code stop-domain} first.
     */
    public static ServerProcess payaraServer(Path payaraHome, Path domainsDir, File war, Path log, String database) {
        Path asadmin = payaraHome.resolve("bin").resolve("asadmin");
        int base = freePayaraPortBase();
        int adminPort = base + 48;
        deleteTree(domainsDir);
        Path work = domainsDir.getParent();
        asadmin(asadmin, work.resolve("create-domain.log"), "--user", "admin", "create-domain", "--nopassword=true",
                "--checkports=true", "--portbase", Integer.toString(base), "--domaindir", domainsDir.toString(),
                PAYARA_DOMAIN);
        Path domain = domainsDir.resolve(PAYARA_DOMAIN);
        loopbackOnlyAndQuiet(domain.resolve("config").resolve("domain.xml"));
        List<String> setup = new ArrayList<>();
        if (database != null) {
            copy(TestDatabase.driverJar(), domain.resolve("lib").resolve(TestDatabase.driverJar().getFileName()));
            StringBuilder properties = new StringBuilder();
            TestDatabase.serverProperties(database).forEach((k, v) -> properties.append(properties.isEmpty() ? "" : ":")
                    .append(k).append('=').append(v));
            setup.add("create-system-properties " + properties);
            try {
                setup.addAll(Files.readAllLines(Path.of("server-config", "payara", "postgres-pool.asadmin")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        setup.add("deploy --contextroot / --name keygate " + war.getAbsolutePath());

        ProcessBuilder builder = new ProcessBuilder(asadmin.toString(), "start-domain", "--verbose", "--domaindir",
                domainsDir.toString(), PAYARA_DOMAIN);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Runnable stop = () -> {
            try {
                asadmin(asadmin, work.resolve("stop-domain.log"), "stop-domain", "--domaindir", domainsDir.toString(),
                        PAYARA_DOMAIN);
            } catch (RuntimeException e) {
                // close() kills what is left
            }
        };
        Process process = launch(builder, log);
        ServerProcess server = new ServerProcess(process, url("http://127.0.0.1:" + (base + 80) + "/"), log, stop);
        try {
            await("the Payara Server admin port " + adminPort + " (log: " + log + ")").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).until(() -> server.alive() && !isFree(adminPort));
            Path file = work.resolve("setup.asadmin");
            Files.write(file, setup);
            asadmin(asadmin, work.resolve("setup.log"), "--host", "127.0.0.1", "--port", Integer.toString(adminPort),
                    "--user", "admin", "--interactive=false", "multimode", "--file", file.toString());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return awaitReady(server);
    }

    /**
     * Edits the server-config of a domain that never ran: every listener (HTTP, HTTPS, admin, IIOP,
     * JMX) on 127.0.0.1, Hazelcast off, phone-home off, the embedded JMS broker off (its port
     * would listen on every interface), Hazelcast's own phone-home off should it ever start; and the
     * domain's H2 pools (EJB timers, {@code jdbc/__default}) without {@code AUTO_SERVER=TRUE}.
     */
    private static void loopbackOnlyAndQuiet(Path domainXml) {
        try {
            String xml = Files.readString(domainXml);
            int end = xml.indexOf("<config name=\"default-config\"");
            int start = xml.indexOf("<config name=\"server-config\"");
            if (start < 0 || end < start) {
                throw new IllegalStateException("no server-config before default-config in " + domainXml);
            }
            String config = xml.substring(start, end);
            config = replace(config, "address=\"0.0.0.0\"", "address=\"127.0.0.1\"", 4, domainXml);
            config = replace(config, "<network-listener port=", "<network-listener address=\"127.0.0.1\" port=", 3, domainXml);
            config = replace(config, "<hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>",
                    "<hazelcast-config-specific-configuration enabled=\"false\"></hazelcast-config-specific-configuration>"
                            + "<phone-home-runtime-configuration enabled=\"false\"></phone-home-runtime-configuration>",
                    1, domainXml);
            if (config.contains("<jms-service")) {
                throw new IllegalStateException("a jms-service already in the server-config of " + domainXml);
            }
            config = replace(config, "<diagnostic-service />", "<jms-service default-jms-host=\"default_JMS_host\""
                    + " type=\"DISABLED\"><jms-host name=\"default_JMS_host\" host=\"localhost\""
                    + " port=\"${JMS_PROVIDER_PORT}\"></jms-host></jms-service>\n            <diagnostic-service />", 1, domainXml);
            config = replace(config, "<jvm-options>-Dosgi.shell.telnet.port=",
                    "<jvm-options>-Dhazelcast.phone.home.enabled=false</jvm-options>\n"
                            + "                <jvm-options>-Dosgi.shell.telnet.port=", 1, domainXml);
            if (config.contains("0.0.0.0")) {
                throw new IllegalStateException("a listener left on every interface in " + domainXml);
            }
            // the domain's own H2 databases (EJB timers, jdbc/__default) without AUTO_SERVER, which opens a
            // TCP server on every interface when the timer service first starts
            String resources = replace(xml.substring(0, start), ";AUTO_SERVER=TRUE\"", "\"", 2, domainXml);
            Files.writeString(domainXml, resources + config + xml.substring(end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with each of the {@code expected} occurrences of {@code from} replaced; fails if there are fewer. */
    private static String replace(String text, String from, String to, int expected, Path where) {
        int count = text.split(java.util.regex.Pattern.quote(from), -1).length - 1;
        if (count < expected) {
            throw new IllegalStateException(count + " times '" + from + "' in " + where + ", expected " + expected
                    + ": has the Payara distribution's domain template changed?");
        }
        return text.replace(from, to);
    }

    /** Runs one asadmin command to its end (3 minutes at most), its output to {@code out}; fails on a non-zero exit. */
    private static void asadmin(Path asadmin, Path out, String... arguments) {
        List<String> command = new ArrayList<>(List.of(asadmin.toString()));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("AS_JAVA", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " did not finish; see " + out);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed ("
                        + process.exitValue() + "): " + Files.readString(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port base under which every port of a Payara domain ({@code create-domain --portbase}) is free. */
    private static int freePayaraPortBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (Stream.of(9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86).allMatch(p -> isFree(base + p))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for Payara Server");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(ProcessBuilder builder, Path log) {
        try {
            Files.createDirectories(log.getParent());
            return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerProcess awaitReady(ServerProcess server) {
        try {
            await("the server at " + server.url + " (log: " + server.log + ")").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).until(server::answers);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private boolean alive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
        }
        return true;
    }

    private static ServerProcess start(ProcessBuilder builder, int port, Path log) {
        return awaitReady(new ServerProcess(launch(builder, log), url("http://127.0.0.1:" + port + "/"), log));
    }

    /** The application's root URL, ending in {@code /}. */
    public URL url() {
        return url;
    }

    /**
     * The server JVM itself (for Payara Micro), or the launch script whose child it is (WildFly), or
     * {@code asadmin start-domain --verbose} whose child it is (Payara Server).
     */
    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return Api.at(url).probing().asAdmin().get("api/v1/me").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * SIGTERM to the server and its children (Payara Server: {@code asadmin stop-domain} first);
     * whatever still runs a minute later is killed.
     */
    @Override
    public void close() {
        java.util.Set<ProcessHandle> all = new java.util.LinkedHashSet<>(process.descendants().toList());
        if (cleanStop != null && process.isAlive()) {
            cleanStop.run();
        }
        all.addAll(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // still alive: killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An offset that moves all of standalone.xml's sockets (8080, 8443, 8009, 9990, 9993, 4712, 4713) onto free ports. */
    private static int freeWildFlyOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
            if (Stream.of(8080, 8443, 8009, 9990, 9993, 4712, 4713).allMatch(p -> isFree(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static URL url(String spec) {
        try {
            return URI.create(spec).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
