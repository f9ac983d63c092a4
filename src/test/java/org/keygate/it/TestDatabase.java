package org.keygate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database the ITs run on: {@code -Dkeygate.it.db=h2} (default: each deployment's own
 * in-memory H2, set in {@link Deployments}) or {@code postgres}: one embedded PostgreSQL 17 per
 * test run, started on first use on 127.0.0.1 and the port Maven reserved
 * ({@code keygate.it.pg.port}), stopped when the test JVM exits. The servers reach it the way a
 * production server does, through a datasource of their own defined by the files in
 * {@code server-config/} ({@link ServerProcess}); each gets a database of its own, made here.
 */
public final class TestDatabase {

    /** The role the servers log in as (what the production setup files call {@code keygate.db.user}). */
    public static final String USER = "keygate";
    public static final String PASSWORD = "keygate";
    /** The database of the Arquillian-started servers, made anew before each such class deploys. */
    public static final String OWN_DEPLOYMENTS = "keygate_arq";

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static boolean postgres() {
        String kind = System.getProperty("keygate.it.db", "h2");
        return switch (kind) {
            case "h2" -> false;
            case "postgres" -> true;
            default -> throw new IllegalStateException("unknown keygate.it.db=" + kind + " (h2 or postgres)");
        };
    }

    /** The embedded PostgreSQL, started on first use (whatever {@code keygate.it.db} says). */
    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            forget(Deployments.UNUSED_H2); // a file left by an earlier run would hide nothing but fail DatasourceIT
            String port = System.getProperty("keygate.it.pg.port");
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(Path.of("target", "postgres").toAbsolutePath()).setCleanDataDirectory(true)
                        .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "300")
                        .setPGStartupWait(Duration.ofMinutes(2));
                postgres = (port == null || port.isBlank() ? builder : builder.setPort(Integer.parseInt(port))).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            execute(postgres.getPostgresDatabase(), "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        return postgres;
    }

    /** A new empty database owned by {@link #USER} (an existing one of that name is dropped first); its JDBC URL. */
    public static String freshDatabase(String name) {
        DataSource admin = server().getPostgresDatabase();
        execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute(admin, "CREATE DATABASE " + name + " OWNER " + USER);
        return url(name);
    }

    /** Drops {@code name} (and closes its connections) if it exists. */
    public static void dropDatabase(String name) {
        execute(server().getPostgresDatabase(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
    }

    /** A datasource on {@code database} as {@link #USER}. */
    public static DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url(database));
        source.setUser(USER);
        source.setPassword(PASSWORD);
        return source;
    }

    /** The settings the production setup files read ({@code keygate.db.*}), as JVM options for a server on {@code database}. */
    public static Map<String, String> serverProperties(String database) {
        return Map.of("keygate.db.host", "127.0.0.1", "keygate.db.port", Integer.toString(server().getPort()),
                "keygate.db.name", database, "keygate.db.user", USER, "keygate.db.password", PASSWORD);
    }

    /** The PostgreSQL JDBC driver jar of the test class path, which the servers get installed. */
    public static Path driverJar() {
        try {
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void forget(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(DataSource source, String sql) {
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
