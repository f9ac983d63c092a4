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
 * test settings — an in-memory H2 database instead of the file, and a known admin password.
 */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "it-admin-password-1";

    private Deployments() {
    }

    public static WebArchive keygate() {
        return keygate("");
    }

    /** The same deployment with extra MicroProfile Config lines (e.g. a short upstream timeout). */
    public static WebArchive keygate(String extraConfig) {
        File war = new File("target/keygate.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/keygate.war is missing: run the ITs through mvn verify");
        }
        WebArchive archive = ShrinkWrap.createFromZipFile(WebArchive.class, war);
        archive.delete("WEB-INF/web.xml");
        archive.addAsWebInfResource(new StringAsset(read("src/main/webapp/WEB-INF/web.xml")
                .replace("jdbc:h2:file:./data/keygate;", "jdbc:h2:mem:keygate-it;DB_CLOSE_DELAY=-1;")), "web.xml");
        String config = "WEB-INF/classes/META-INF/microprofile-config.properties";
        archive.delete(config);
        archive.add(new StringAsset(read("src/main/resources/META-INF/microprofile-config.properties")
                + "\nkeygate.admin.password=" + ADMIN_PASSWORD + "\n" + extraConfig + "\n"), config);
        archive.addClasses(Deployments.class);
        return archive;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
