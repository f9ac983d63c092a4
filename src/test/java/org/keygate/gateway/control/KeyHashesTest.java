package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.keygate.keys.control.KeyMint;

class KeyHashesTest {

    @Test
    void sameHashAsTheStoredOne() {
        KeyMint mint = new KeyMint();
        for (int i = 0; i < 200; i++) {
            String key = mint.mint();
            assertEquals(KeyMint.hash(key), KeyHashes.sha256Hex(key));
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", KeyHashes.sha256Hex(""));
    }
}
