package org.keygate.keys.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.keys.control.KeyMint;

class LeakScannerTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final KeyMint mint = new KeyMint();
    private final Random random = new Random(42);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private LeakScanner scanner(String stdin) {
        return new LeakScanner(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A 35-character ck- string with random body whose checksum is wrong (one checksum character changed). */
    private String lookAlike() {
        char[] key = mint.mint().toCharArray();
        int at = KeyMint.LENGTH - 1 - random.nextInt(6);
        key[at] = BASE62.charAt((BASE62.indexOf(key[at]) + 1 + random.nextInt(61)) % 62);
        return new String(key);
    }

    @Test
    void findsEveryKeyInAFixtureTreeAndNoLookAlike(@TempDir Path tree) throws IOException {
        Set<String> planted = new HashSet<>();
        List<String> fakes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            fakes.add(lookAlike());
        }
        String[] shapes = {"OPENAI_API_KEY=%s\n", "{\"api_key\": \"%s\"}\n", "key: '%s' # prod\n", "curl -H 'Authorization: Bearer %s'\n",
            "<value>%s</value>\n", "x=%s,y=%s\n", "\u00e9\u00e8 %s \u00fc\n"};
        for (int i = 0; i < 60; i++) {
            Path dir = tree.resolve("d" + (i % 7)).resolve("sub" + (i % 3));
            Files.createDirectories(dir);
            StringBuilder text = new StringBuilder("line one\n");
            String shape = shapes[i % shapes.length];
            String a = mint.mint();
            String b = mint.mint();
            planted.add(a);
            if (shape.contains("y=")) {
                planted.add(b);
            }
            text.append(String.format(shape, a, b));
            text.append(fakes.get(i)).append(" and ").append(fakes.get(i + 500)).append('\n');
            Files.writeString(dir.resolve("f" + i + (i % 2 == 0 ? ".env" : ".json")), text, StandardCharsets.UTF_8);
        }
        byte[] binary = new byte[4096];
        random.nextBytes(binary);
        String inBinary = mint.mint();
        planted.add(inBinary);
        System.arraycopy(inBinary.getBytes(StandardCharsets.US_ASCII), 0, binary, 1000, KeyMint.LENGTH);
        binary[999] = 0;
        binary[1000 + KeyMint.LENGTH] = 0;
        Files.write(tree.resolve("blob.bin"), binary);
        Files.writeString(tree.resolve("fakes.txt"), String.join("\n", fakes));
        Files.createDirectories(tree.resolve(".git/objects"));
        Files.writeString(tree.resolve(".git/objects/pack"), mint.mint());
        String glued = mint.mint();
        Files.writeString(tree.resolve("glued.txt"), "x" + glued + "\n" + glued + "Z\n");

        LeakScanner scanner = scanner("");
        int status = scanner.run(tree.toString());

        assertEquals(LeakScanner.FOUND, status, err::toString);
        assertEquals(planted, scanner.found(), "every planted key, nothing else (not the look-alikes, not .git, not glued to text)");
        String report = out.toString(StandardCharsets.UTF_8);
        for (String key : planted) {
            assertFalse(report.contains(key), "never the key itself");
            assertTrue(report.contains(KeyMint.prefixOf(key) + "…"), "masked to its prefix: " + key.substring(0, 7));
        }
        assertTrue(report.contains(planted.size() + " keys with a valid checksum found"), report);
    }

    @Test
    void readsStandardInputAndFindsNothingInLookAlikes() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(lookAlike()).append(i % 3 == 0 ? "\n" : " ");
        }
        LeakScanner scanner = scanner(text.toString());
        assertEquals(0, scanner.run("-"));
        assertEquals(Set.of(), scanner.found());

        String key = mint.mint();
        LeakScanner second = scanner("export KEY=" + key + "\n");
        assertEquals(LeakScanner.FOUND, second.run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(stdin):1: " + KeyMint.prefixOf(key) + "…"), out::toString);
    }

    @Test
    void refusesBadArgumentsWithUsage() {
        assertEquals(LeakScanner.FAILED, scanner("").run("--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --bogus"));
        assertEquals(LeakScanner.FAILED, scanner("").run("--revoke", "keygate.example.com"));
        assertEquals(LeakScanner.FAILED, scanner("").run("--revoke", "https://keygate.example.com"), "no credential in the environment");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("KEYGATE_TOKEN"), err::toString);
        assertEquals(LeakScanner.FAILED, scanner("").run("/no/such/dir"));
    }

    /** The documented gitleaks rule (RE2, no look-arounds) finds the same keys as the scanner's own pattern. */
    @Test
    void documentedGitleaksRuleMatchesKeys() throws IOException {
        String toml = Files.readString(Path.of("docs/gitleaks.toml"));
        Matcher regex = Pattern.compile("regex = '''(.+)'''").matcher(toml);
        assertTrue(regex.find(), toml);
        Pattern rule = Pattern.compile(regex.group(1));
        Pattern own = Pattern.compile(KeyMint.CANDIDATE);
        for (int i = 0; i < 200; i++) {
            String key = mint.mint();
            for (String text : List.of(key, "k=" + key, "\"" + key + "\"", key + ";")) {
                Matcher m = rule.matcher(text);
                assertTrue(m.find() && m.group().equals(key), text);
                Matcher o = own.matcher(text);
                assertTrue(o.find() && o.group().equals(key), text);
            }
            assertFalse(rule.matcher("a" + key).find(), "glued to a word");
            assertFalse(own.matcher(key + "b").find(), "glued to a word");
        }
    }
}
