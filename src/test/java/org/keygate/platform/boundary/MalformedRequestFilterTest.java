package org.keygate.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedRequestFilterTest {

    @Test
    void controlCharactersAreFoundAnywhere() {
        assertTrue(MalformedRequestFilter.hasControl("teams/\u0000"));
        assertTrue(MalformedRequestFilter.hasControl("a\tb"));
        assertTrue(MalformedRequestFilter.hasControl("\u007f"));
        assertFalse(MalformedRequestFilter.hasControl("teams/team_01ABC/é💥"));
    }

    @Test
    void aPageQueryWithAControlCharacterOrABrokenEscapeIsRefused() {
        assertTrue(PageUrlFilter.acceptable("id=key_01ABC&x=%C3%A9"));
        assertFalse(PageUrlFilter.acceptable("id=%00"));
        assertFalse(PageUrlFilter.acceptable("id=%0a"));
        assertFalse(PageUrlFilter.acceptable("id=%zz"));
    }

    @Test
    void qualityValuesAreZeroToOneWithThreeDecimalsAtMost() {
        assertTrue(MalformedRequestFilter.acceptable("application/json"));
        assertTrue(MalformedRequestFilter.acceptable("text/html;q=0.9, application/json;q=1, */*;q=0.001,"));
        assertTrue(MalformedRequestFilter.acceptable("*/*;q=1.000"));
        assertFalse(MalformedRequestFilter.acceptable("*/*;q=x"));
        assertFalse(MalformedRequestFilter.acceptable("*/*;q=1.5"));
        assertFalse(MalformedRequestFilter.acceptable("*/*;q=0.0001"));
        assertFalse(MalformedRequestFilter.acceptable("application/json;q=-1"));
        assertFalse(MalformedRequestFilter.acceptable("garbage/"));
        assertFalse(MalformedRequestFilter.acceptable("json"));
        assertTrue(MalformedRequestFilter.acceptable("application/problem+json; charset=utf-8"));
    }
}
