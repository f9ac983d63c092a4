package org.keygate.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.platform.control.InvalidInput;

class PageRequestTest {

    @Test
    void defaultsToFirstPageOfFifty() {
        assertEquals(new PageRequest(1, 50), PageRequest.of(null, null));
        assertEquals(new PageRequest(1, 50), PageRequest.of("", " "));
        assertEquals(0, PageRequest.of(null, null).offset());
    }

    @Test
    void parsesPageAndSize() {
        assertEquals(new PageRequest(3, 20), PageRequest.of("3", "20"));
        assertEquals(new PageRequest(3, 20), PageRequest.of(" 3 ", " 20 "));
        assertEquals(new PageRequest(1, 1), PageRequest.of("1", "1"));
        assertEquals(new PageRequest(2, 200), PageRequest.of("2", "200"));
    }

    @Test
    void offsetSkipsThePreviousPages() {
        assertEquals(0, PageRequest.of("1", "20").offset());
        assertEquals(20, PageRequest.of("2", "20").offset());
        assertEquals(40, PageRequest.of("3", "20").offset());
    }

    @Test
    void largestPageDoesNotOverflowTheOffset() {
        int last = Integer.MAX_VALUE / PageRequest.MAX_SIZE;
        PageRequest page = PageRequest.of(Integer.toString(last), "200");
        assertTrue(page.offset() > 0, "offset " + page.offset());
        assertEquals((long) (last - 1) * 200, page.offset());
        assertInvalid("page", () -> PageRequest.of(Integer.toString(last + 1), "200"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "x", "1.5", "1e3", "2147483648", "99999999999999999999", "0x10"})
    void badPageNamesPage(String value) {
        assertInvalid("page", () -> PageRequest.of(value, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "201", "1000", "ten", "50.0", "2147483648"})
    void badSizeNamesSize(String value) {
        assertInvalid("size", () -> PageRequest.of(null, value));
    }

    private static void assertInvalid(String field, Executable call) {
        InvalidInput e = assertThrows(InvalidInput.class, call);
        assertEquals(field, e.field());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("must be an integer between 1 and "), e.getMessage());
    }

    @Test
    void messageStatesTheRange() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> PageRequest.of(null, "500"));
        assertEquals("must be an integer between 1 and 200", e.getMessage());
    }
}
