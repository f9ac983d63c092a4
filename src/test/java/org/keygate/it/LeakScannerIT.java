package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/keygate-scanner.jar}, as built by {@code mvn package}, run as its own process the way a
 * CI job runs it (docs/leak-scanning.md): it finds a live key someone committed, reports it masked
 * and, with {@code --revoke} and a SERVICE member's credential from the environment, has Keygate
 * deactivate it, after which the gateway refuses the key.
 */
@SharedServer
class LeakScannerIT {

    @SharedServer.Url
    URL url;

    @Test
    void findsACommittedKeyAndRevokesItWithAServiceCredential(@TempDir Path repo) throws Exception {
        Gw gw = new Gw(Api.at(url));
        Fixture fixture = new Fixture(Api.at(url));
        String team = gw.team("5");
        JsonObject created = gw.key(team, "");
        String key = created.getString("key");
        Files.createDirectories(repo.resolve("config"));
        Files.writeString(repo.resolve("config/app.env"), "MODEL=demo/echo\nKEYGATE_KEY=" + key + "\n");
        Files.writeString(repo.resolve("README.md"), "no secrets here, only ck-" + "0".repeat(32) + "\n");
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "hi", 4, false)).statusCode(), "the key works");

        JsonObject service = fixture.orgUser("SERVICE");
        Run scan = scanner(repo, null, null, repo.toString());
        assertEquals(1, scan.status, scan.toString());
        assertTrue(scan.out.contains("app.env:2: " + key.substring(0, 7) + "…"), scan.toString());
        assertTrue(scan.out.contains("1 key with a valid checksum found"), scan.toString());

        Run refused = scanner(repo, service.getString("username"), "wrong password", "--revoke", gw.api.uri("").toString(), repo.toString());
        assertEquals(2, refused.status, "a refused credential is a failure: " + refused);
        assertTrue(refused.err.contains("answered 401"), refused.toString());
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "hi", 4, false)).statusCode(), "still works");

        Run revoke = scanner(repo, service.getString("username"), Fixture.PASSWORD,
                "--revoke", gw.api.uri("").toString(), repo.toString());
        assertEquals(1, revoke.status, revoke.toString());
        assertTrue(revoke.out.contains("1 of them live and now deactivated"), revoke.toString());
        assertFalse((revoke.out + revoke.err).contains(key), "the plaintext is never printed");
        assertEquals(401, gw.chat(key, Gw.chatBody("demo/echo", "hi", 4, false)).statusCode(), "refused at once");
        Api.Resp view = Api.at(url).asAdmin().get("api/v1/keys/" + created.getString("id"));
        assertEquals("deactivated", view.json().getString("status"), view::toString);

        Run again = scanner(repo, service.getString("username"), Fixture.PASSWORD,
                "--revoke", gw.api.uri("").toString(), repo.toString());
        assertEquals(1, again.status, again.toString());
        assertTrue(again.out.contains("0 of them live"), "already inactive: " + again);
    }

    private record Run(int status, String out, String err) {
    }

    /** The built jar in a process of its own, the credential in its environment only. */
    private static Run scanner(Path dir, String user, String password, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("basedir", "."), "target", "keygate-scanner.jar");
        assertTrue(Files.isRegularFile(jar), "mvn package builds " + jar);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolveSibling(dir.getFileName() + ".out").toFile())
                .redirectError(dir.resolveSibling(dir.getFileName() + ".err").toFile());
        builder.environment().remove("KEYGATE_TOKEN");
        if (user != null) {
            builder.environment().put("KEYGATE_USER", user);
            builder.environment().put("KEYGATE_PASSWORD", password);
        }
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the scanner ends");
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(),
                Files.readString(dir.resolveSibling(dir.getFileName() + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolveSibling(dir.getFileName() + ".err"), StandardCharsets.UTF_8));
    }
}
