package org.keygate.keys.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keygate.keys.control.KeyMint;

/**
 * {@code java -jar keygate-scanner.jar [--revoke URL] [PATH…]}: walks the paths (files or directories;
 * none or {@code -} reads standard input), reports every {@code ck-} key whose checksum is valid as
 * {@code where:line: ck-AbCd…} — never the key itself — and with {@code --revoke} posts them to that
 * Keygate's {@code POST /api/v1/keys/revoke-leaked} with a service credential taken from the
 * environment ({@code KEYGATE_TOKEN} as a bearer token, or {@code KEYGATE_USER} and
 * {@code KEYGATE_PASSWORD} for HTTP Basic), never from the command line where {@code ps} shows it.
 * Exit status: 0 nothing found, 1 keys found (and revoked, if asked), 2 usage or I/O error or a
 * refused revocation.
 */
public final class LeakScanner {

    static final int FOUND = 1;
    static final int FAILED = 2;
    static final String USAGE = "usage: java -jar keygate-scanner.jar [--revoke https://keygate.example.com] [PATH...]\n"
            + "  PATH: files or directories (.git is skipped); none or '-' reads standard input\n"
            + "  --revoke: post the keys found to that Keygate's /api/v1/keys/revoke-leaked, with\n"
            + "            KEYGATE_TOKEN (bearer) or KEYGATE_USER and KEYGATE_PASSWORD (Basic) from the environment";
    /** Larger files are most likely data, not code or configuration; they are skipped with a note. */
    static final long MAX_FILE_BYTES = 64L << 20;
    private static final Pattern CANDIDATE = Pattern.compile(KeyMint.CANDIDATE);
    private static final int BATCH = 1000;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final Set<String> found = new LinkedHashSet<>();

    LeakScanner(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new LeakScanner(System.getenv(), System.in, System.out, System.err).run(args));
    }

    /** The keys found so far, in the order found. */
    Set<String> found() {
        return found;
    }

    /** Scans (and revokes) as the arguments say; the exit status. */
    int run(String... args) {
        String revoke = null;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--revoke".equals(arg) && i + 1 < args.length) {
                revoke = args[++i];
            } else if ("-h".equals(arg) || "--help".equals(arg)) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("--")) {
                err.println("unknown option " + arg + "\n" + USAGE);
                return FAILED;
            } else {
                paths.add(arg);
            }
        }
        if (revoke != null && !revoke.matches("https?://.+")) {
            err.println("--revoke needs Keygate's http(s) address, e.g. https://keygate.example.com\n" + USAGE);
            return FAILED;
        }
        String authorization = revoke == null ? null : authorization();
        if (revoke != null && authorization == null) {
            err.println("--revoke needs a service credential: set KEYGATE_TOKEN, or KEYGATE_USER and KEYGATE_PASSWORD");
            return FAILED;
        }
        try {
            if (paths.isEmpty()) {
                paths.add("-");
            }
            for (String path : paths) {
                if ("-".equals(path)) {
                    scan("(stdin)", stdin);
                } else {
                    walk(Path.of(path));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read: " + e.getMessage());
            return FAILED;
        }
        out.println(found.size() + (found.size() == 1 ? " key" : " keys") + " with a valid checksum found");
        if (found.isEmpty()) {
            return 0;
        }
        return revoke == null || revoke(revoke, authorization) ? FOUND : FAILED;
    }

    private void walk(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new java.nio.file.NoSuchFileException(root + " (no such file or directory)");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return ".git".equals(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.size() > MAX_FILE_BYTES) {
                    err.println(file + ": skipped, larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
                    return FileVisitResult.CONTINUE;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    scan(file.toString(), in);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                err.println(file + ": cannot read (" + e.getMessage() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Line by line, as ISO-8859-1 so any bytes (binary files too) read without a decoding error. */
    private void scan(String where, InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.indexOf("ck-") < 0) {
                continue;
            }
            Matcher m = CANDIDATE.matcher(line);
            while (m.find()) {
                String key = m.group();
                if (KeyMint.isWellFormed(key)) {
                    found.add(key);
                    out.println(where + ":" + number + ": " + KeyMint.prefixOf(key) + "…");
                }
            }
        }
    }

    private String authorization() {
        String token = env.get("KEYGATE_TOKEN");
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.strip();
        }
        String user = env.get("KEYGATE_USER");
        String password = env.get("KEYGATE_PASSWORD");
        if (user == null || user.isBlank() || password == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Posts the keys in batches the endpoint accepts; true if every batch was accepted. */
    private boolean revoke(String base, String authorization) {
        URI endpoint = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/v1/keys/revoke-leaked");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> keys = new ArrayList<>(found);
        int revoked = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            // base62 keys need no JSON escaping
            String body = "{\"keys\":[\"" + String.join("\",\"", batch) + "\"]}";
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("cannot reach " + endpoint + ": " + e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("interrupted while posting to " + endpoint);
                return false;
            }
            if (response.statusCode() != 200) {
                err.println(endpoint + " answered " + response.statusCode() + ": " + response.body());
                return false;
            }
            revoked += count(response.body(), "\"key_id\"");
        }
        out.println(revoked + " of them live and now deactivated at " + base + " (the others were unknown or already inactive)");
        return true;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }
}
