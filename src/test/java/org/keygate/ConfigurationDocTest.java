package org.keygate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is the list of every setting: each property the code reads (through
 * {@code @ConfigProperty} or the Config API) has a row there, and the default the row states is the
 * one the code really uses (the WAR's {@code microprofile-config.properties} first, then the
 * annotation's {@code defaultValue}). Rows for properties nothing reads fail too, except those the
 * server's own datasource files read ({@code server-config/}).
 */
class ConfigurationDocTest {

    static final Pattern ANNOTATED = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*(\"[^\"]+\"|[A-Z_]+)(?:\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?");
    static final Pattern API_READ = Pattern.compile("get(?:Optional)?Value\\(\\s*\"(keygate\\.[^\"]+)\"");
    static final Pattern CONSTANT = Pattern.compile("\\bPROPERTY\\s*=\\s*\"(keygate\\.[^\"]+)\"");
    static final Pattern DOC_NAME = Pattern.compile("`(keygate\\.[a-z0-9.-]+|\\.[a-z0-9-]+)`");

    /** property → default the code uses, or null when it has none. */
    static final Map<String, String> read = new TreeMap<>();
    /** property → the "default" cell of its row. */
    static final Map<String, String> documented = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        Properties shipped = new Properties();
        shipped.load(new StringReader(Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"))));
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher constant = CONSTANT.matcher(source);
                String constantName = constant.find() ? constant.group(1) : null;
                Matcher annotated = ANNOTATED.matcher(source);
                while (annotated.find()) {
                    String name = annotated.group(1).startsWith("\"")
                            ? annotated.group(1).substring(1, annotated.group(1).length() - 1) : constantName;
                    if (name != null && name.startsWith("keygate.")) {
                        if (read.get(name) == null) {
                            read.put(name, nullable(annotated.group(2)));
                        }
                    }
                }
                Matcher api = API_READ.matcher(source);
                while (api.find()) {
                    read.putIfAbsent(api.group(1), null);
                }
                if (constantName != null) {
                    read.putIfAbsent(constantName, null);
                }
            }
        }
        for (String name : shipped.stringPropertyNames()) {
            if (name.startsWith("keygate.")) {
                read.put(name, shipped.getProperty(name));
            }
        }
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            if (!line.startsWith("| `keygate.")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            String prefix = null;
            Matcher names = DOC_NAME.matcher(cells[1]);
            while (names.find()) {
                String name = names.group(1);
                if (name.startsWith(".")) {
                    name = prefix + name;
                } else {
                    prefix = name.substring(0, name.lastIndexOf('.'));
                }
                documented.put(name, cells[2].trim());
            }
        }
    }

    static String nullable(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Test
    void everyPropertyTheCodeReadsIsDocumented() {
        TreeSet<String> missing = new TreeSet<>(read.keySet());
        missing.removeAll(documented.keySet());
        assertEquals(new TreeSet<>(), missing, "read by the code but not in docs/configuration.md");
    }

    @Test
    void everyDocumentedDefaultIsTheRealOne() {
        List<String> wrong = new ArrayList<>();
        read.forEach((name, value) -> {
            String cell = documented.get(name);
            if (value != null && cell != null && !cell.contains("`" + value + "`")) {
                wrong.add(name + ": the code's default is `" + value + "`, the docs say " + cell);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyDocumentedPropertyIsRead() throws IOException {
        String serverConfig;
        try (Stream<Path> files = Files.walk(Path.of("server-config"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
            serverConfig = all.toString();
        }
        List<String> stale = documented.keySet().stream()
                .filter(name -> !read.containsKey(name) && !serverConfig.contains(name))
                .toList();
        assertEquals(List.of(), stale, "in docs/configuration.md but read by nothing");
        assertTrue(documented.size() > 40, "the table was not found: " + documented.size() + " rows");
    }
}
