package org.keygate.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogoutTargetTest {

    @Test
    void endSessionCarriesHintClientAndReturnAddressEncoded() {
        assertEquals("https://idp/logout?id_token_hint=a.b.c&client_id=key+gate"
                        + "&post_logout_redirect_uri=https%3A%2F%2Fkg%2Flogin.xhtml%3FloggedOut%3Dtrue",
                LogoutTarget.endSession("https://idp/logout", "a.b.c", "key gate", "https://kg/login.xhtml?loggedOut=true"));
    }

    @Test
    void anEndpointWithAQueryKeepsItAndAMissingTokenIsNoHint() {
        assertEquals("https://idp/logout?realm=x&client_id=kg&post_logout_redirect_uri=r",
                LogoutTarget.endSession("https://idp/logout?realm=x", null, "kg", "r"));
    }

    @Test
    void theLeavingPageEscapesTheTarget() {
        String page = LogoutTarget.leavingPage("https://idp/x?a=1&b=\"><script>");
        assertTrue(page.contains("url=https://idp/x?a=1&amp;b=&quot;&gt;&lt;script&gt;\""), page);
        assertFalse(page.contains("<script>"), page);
    }
}
