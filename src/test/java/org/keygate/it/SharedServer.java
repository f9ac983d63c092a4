package org.keygate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Runs a black-box test class against the one Keygate server that all such classes of a test run
 * share, instead of a server (Payara Micro) or a deployment (WildFly) of its own: the server kind
 * of the build ({@code arquillian.launch}: {@code payara-micro} or {@code wildfly}), started by
 * the first class that needs it, in its own JVM, and stopped when the test run ends (or the test
 * JVM exits). Its URL goes into the class's fields marked {@link Url}.
 *
 * <p>The shared WAR is {@link Deployments#keygate} with {@link #SETTINGS} and {@link ScanHook}:
 * the union of what the sharing classes need, none of which changes what another class sees.
 * All classes share its database, so each makes its own teams, members and keys and never counts
 * rows it did not make. A class that needs a deployment variant (another auth mode, a rotation
 * period of 0, a test inside the server) stays an Arquillian test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedServer.Extension.class)
public @interface SharedServer {

    /** The secret of the upstream provider that GatewayIT's catalogue names as its credential. */
    String UPSTREAM_SECRET = "sk-it-upstream-secret";

    /**
     * What the shared deployment sets: a trusted proxy on 127.0.0.2 only (so the client address
     * of everyone else is the socket's), short upstream timeouts and a 100 KiB gateway body cap
     * (GatewayIT), a webhook retry after 1 s and webhooks allowed to the tests' receivers on 127.0.0.1
     * (DetectorsIT), and the upstream credential.
     */
    Map<String, String> SETTINGS = Map.of("keygate.trusted-proxies", "127.0.0.2/32",
            "keygate.gateway.upstream-timeout-ms", "4000", "keygate.gateway.upstream-idle-timeout-ms", "1500",
            "keygate.gateway.max-body-bytes", "102400", "keygate.it.upstream-key", UPSTREAM_SECRET,
            "keygate.webhooks.retry-first-seconds", "1", "keygate.webhooks.allowed-targets", "127.0.0.1/32");

    /** On PostgreSQL ({@link TestDatabase}), the shared server's database. */
    String DATABASE = "keygate_shared";

    /** Marks a {@code URL} field that receives the shared server's root URL (ending in {@code /}). */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Url {
    }

    /** Marks a {@link ServerProcess} field that receives the shared server itself (its process, its log). */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Handle {
    }

    /** Starts the server once per test run (kept in the root store) and fills the {@link Url} and {@link Handle} fields. */
    final class Extension implements TestInstancePostProcessor {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

        @Override
        public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
            ServerProcess server = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(ServerProcess.class, k -> start(), ServerProcess.class);
            for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Url.class)) {
                        field.setAccessible(true);
                        field.set(instance, server.url());
                    } else if (field.isAnnotationPresent(Handle.class)) {
                        field.setAccessible(true);
                        field.set(instance, server);
                    }
                }
            }
        }

        private static ServerProcess start() {
            Path dir = Path.of("target", "shared-server").toAbsolutePath();
            File war = dir.resolve("keygate.war").toFile();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Deployments.keygate(SETTINGS).addClass(ScanHook.class).as(ZipExporter.class).exportTo(war, true);
            String database = null;
            if (TestDatabase.postgres()) {
                database = DATABASE;
                TestDatabase.freshDatabase(database);
            }
            ServerProcess server = ServerProcess.ofBuildKind(war, dir.resolve("wildfly"),
                    dir.resolve(ServerProcess.buildKind() + ".log"), database);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-shared-server"));
            return server;
        }
    }
}
