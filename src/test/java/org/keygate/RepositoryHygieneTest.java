package org.keygate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: nothing in it cites or links a file that someone who clones it
 * does not have, and every relative link in its Markdown leads to a file (and heading) that exists.
 */
class RepositoryHygieneTest {

    /** Names of documents that live outside the repository (spelled in pieces so this file passes). */
    static final List<String> OUTSIDE = List.of("SPEC" + " §", "SPEC" + ".md", "../" + "shared", "STACK" + ".md",
            "STYLE" + ".md");

    /**
     * Migrations already applied by running installations: Flyway checksums every line, comments
     * included, so editing one would make every existing database refuse to start. Their comments
     * stay as they were written; new migrations are checked like everything else.
     */
    static final Set<String> APPLIED_MIGRATIONS = Set.of("V2__gateway.sql", "V10__monitoring.sql",
            "V11__usage_rollups.sql");

    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".idea", ".vscode");

    static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void nothingCitesAFileOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles()) {
            if (APPLIED_MIGRATIONS.contains(file.getFileName().toString())) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String name : OUTSIDE) {
                    if (lines.get(i).contains(name)) {
                        found.add(file + ":" + (i + 1) + " cites " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "describe the product in the repository's own docs instead");
    }

    @Test
    void markdownLinksLeadToFilesAndHeadingsThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = MARKDOWN_LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue; // https:, mailto: … — not a file of this repository
                    }
                    checked++;
                    String problem = problem(file, target);
                    if (problem != null) {
                        broken.add(file + ":" + (i + 1) + " (" + target + "): " + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 20, "the scan found only " + checked + " relative links; is it looking at the docs?");
    }

    @Test
    void anchorsFollowGitHubsHeadingIds() {
        assertEquals("metering-and-crashes", anchor("Metering and crashes"));
        assertEquals("the-gateway-v1", anchor("The gateway (`/v1`)"));
        assertEquals("when-redis-does-not-answer", anchor("When Redis does not answer"));
        assertEquals("keys-and-their-rotation", anchor("Keys, and their rotation"));
    }

    private static String problem(Path from, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path root = Path.of("").toAbsolutePath().normalize();
        Path resolved = path.isEmpty() ? from.toAbsolutePath().normalize()
                : from.toAbsolutePath().getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "leads outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null && !fragment.isEmpty() && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(fragment)) {
            return "no heading #" + fragment + " in " + root.relativize(resolved);
        }
        return null;
    }

    /** The heading ids GitHub gives a Markdown file, with -1, -2 … for repeated headings. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> ids = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String id = anchor(heading.group(1));
                String unique = id;
                for (int n = 1; !ids.add(unique); n++) {
                    unique = id + "-" + n;
                }
            }
        }
        return ids;
    }

    static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder id = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                id.appendCodePoint(c);
            } else if (c == ' ') {
                id.append('-');
            }
        });
        return id.toString();
    }

    private static List<Path> textFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> {
                        for (Path part : f) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(Path::normalize).sorted().toList();
        }
    }

    /** The file's lines, or none when it is not UTF-8 text (images, jars). */
    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (MalformedInputException binary) {
            return List.of();
        }
    }
}
