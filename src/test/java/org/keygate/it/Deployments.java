package org.keygate.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every IT uses: the WAR Maven just built, exactly as users get it, with two
 * test settings — an in-memory H2 database instead of the file, and a known admin password. On
 * PostgreSQL ({@link TestDatabase}) the server's datasource is used instead and the WAR's H2
 * datasource points at a file under {@link #UNUSED_H2}, which must never come to exist. Every WAR
 * built here gets a usage journal directory of its own under {@link #JOURNALS} (unless the test
 * sets {@code keygate.usage.journal-dir} itself, to keep one across a restart): the servers of the
 * suite all run in the project directory, where the default {@code ./data/journal} would be one
 * journal for all of them.
 */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "it-admin-password-1";
    /** On PostgreSQL: where the WAR's own H2 datasource would create its file, were it ever opened. */
    public static final Path UNUSED_H2 = Path.of("target", "unused-h2").toAbsolutePath();

    /** Where the journal directories of the suite's servers are made. */
    public static final Path JOURNALS = Path.of("target", "journals").toAbsolutePath();

    private Deployments() {
    }

    public static WebArchive keygate() {
        return keygate(java.util.Map.of());
    }

    /** The same, with extra configuration properties for one test class. */
    public static WebArchive keygate(java.util.Map<String, String> settings) {
        return keygate(settings, TestDatabase.postgres() ? "jdbc:h2:file:" + UNUSED_H2.resolve("keygate") + ";DB_CLOSE_ON_EXIT=FALSE"
                : "jdbc:h2:mem:keygate-it;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    /** The same on another database URL (e.g. an H2 file the test keeps across two servers). */
    public static WebArchive keygate(java.util.Map<String, String> settings, String jdbcUrl) {
        File war = new File("target/keygate.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/keygate.war is missing: run the ITs through mvn verify");
        }
        WebArchive archive = ShrinkWrap.createFromZipFile(WebArchive.class, war);
        archive.delete("WEB-INF/web.xml");
        String webXml = read("src/main/webapp/WEB-INF/web.xml");
        if (!webXml.contains(EMBEDDED_URL)) {
            throw new IllegalStateException("web.xml no longer has the embedded URL " + EMBEDDED_URL + ": update Deployments");
        }
        archive.addAsWebInfResource(new StringAsset(webXml.replace(EMBEDDED_URL, jdbcUrl)), "web.xml");
        String config = "WEB-INF/classes/META-INF/microprofile-config.properties";
        archive.delete(config);
        java.util.Map<String, String> all = new java.util.TreeMap<>(settings);
        all.computeIfAbsent("keygate.usage.journal-dir", k -> freshJournalDir().toString());
        archive.add(new StringAsset(read("src/main/resources/META-INF/microprofile-config.properties")
                + "\nkeygate.admin.password=" + ADMIN_PASSWORD + "\n" + properties(all)), config);
        archive.addClasses(Deployments.class, FreshDatabase.class);
        return archive;
    }

    /** The embedded default's JDBC URL, as web.xml has it. */
    static final String EMBEDDED_URL = "jdbc:h2:file:./data/keygate;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    /** The embedded default's H2 settings on the database file {@code file} (without the .mv.db suffix). */
    public static String embeddedH2(Path file) {
        return EMBEDDED_URL.replace("./data/keygate", file.toAbsolutePath().toString());
    }

    /** A new, empty directory for one server's usage journal. */
    public static Path freshJournalDir() {
        try {
            Files.createDirectories(JOURNALS);
            return Files.createTempDirectory(JOURNALS, "journal-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String properties(java.util.Map<String, String> settings) {
        StringBuilder out = new StringBuilder();
        settings.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
