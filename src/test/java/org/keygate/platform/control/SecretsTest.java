package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String KEY = "ck-A1b2C3d4E5f6G7h8I9j0KkLlMm3rQmK0";

    @Test
    void masksAKeyToItsPrefix() {
        assertEquals("ck-A1b2…", Secrets.mask(KEY));
        assertEquals("Authorization: Bearer ck-A1b2… rejected", Secrets.mask("Authorization: Bearer " + KEY + " rejected"));
    }

    @Test
    void masksEveryKeyInTheText() {
        String other = "ck-zzzzzzzzzzzzzzzzzzzzzzzzzz1au0jA";
        String masked = Secrets.mask("old=" + KEY + ",new=" + other + ";");
        assertEquals("old=ck-A1b2…,new=ck-zzzz…;", masked);
    }

    @Test
    void masksAnyCkRunNotOnlyWellFormedKeys() {
        assertEquals("ck-abcd…", Secrets.mask("ck-abcdefghij"), "a truncated or mistyped key is masked too");
        assertEquals("ck-abcd…", Secrets.mask("ck-abcde"));
        assertEquals("xck-abcd…", Secrets.mask("xck-abcdefgh"), "inside a longer token");
        assertEquals("\"ck-A1b2…\"", Secrets.mask("\"" + KEY + "\""), "inside JSON");
        assertEquals("?key=ck-A1b2…&x=1", Secrets.mask("?key=" + KEY + "&x=1"), "inside a query string");
        String longer = KEY + KEY.substring(3);
        assertEquals("ck-A1b2…", Secrets.mask(longer), "longer than a key");
    }

    @Test
    void leavesEverythingElseAlone() {
        assertNull(Secrets.mask(null));
        assertEquals("", Secrets.mask(""));
        assertEquals("no keys here: sk-abcdef, ck-ab, ck-abcd, CK-ABCDEFGH", Secrets.mask("no keys here: sk-abcdef, ck-ab, ck-abcd, CK-ABCDEFGH"));
    }

    @Test
    void maskedTextNeverContainsTheSecretPart() {
        String masked = Secrets.mask("log line " + KEY + " end");
        assertFalse(masked.contains(KEY.substring(7, 20)));
        assertFalse(masked.contains("QmK0"), "not even the last four");
        assertTrue(masked.contains("ck-A1b2"));
    }

    @Test
    void sha256HexOfUtf8() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Secrets.sha256Hex(""));
        assertEquals(HexFormat.of().formatHex(Secrets.sha256("é".getBytes(StandardCharsets.UTF_8))), Secrets.sha256Hex("é"));
    }
}
