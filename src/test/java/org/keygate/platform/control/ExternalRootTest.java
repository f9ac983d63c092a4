package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExternalRootTest {

    private static ExternalRoot.Seen behind(String forwarded, String proto, String host, String port) {
        return new ExternalRoot.Seen("http", "10.0.0.5", 8080, "", forwarded, proto, host, port);
    }

    @Test
    void withoutAProxyItIsTheRequestsOwnView() {
        assertEquals("http://10.0.0.5:8080/", ExternalRoot.of(ExternalRoot.Seen.direct("http", "10.0.0.5", 8080, "")));
        assertEquals("https://keygate.example.com/kg/", ExternalRoot.of(ExternalRoot.Seen.direct("https", "keygate.example.com", 443, "/kg")));
        assertEquals("http://[::1]:8191/", ExternalRoot.of(ExternalRoot.Seen.direct("http", "::1", 8191, "")));
    }

    @Test
    void rfc7239ForwardedWinsAndItsFirstElementIsTheBrowsersSide() {
        assertEquals("https://keygate.example.com/", ExternalRoot.of(behind(
                "for=203.0.113.7;proto=https;host=keygate.example.com, for=10.0.0.2;proto=http;host=inner", "http", "other", null)));
        assertEquals("https://keygate.example.com:8443/", ExternalRoot.of(behind(
                "proto=https;host=\"keygate.example.com:8443\"", null, null, null)));
        assertEquals("https://keygate.example.com/", ExternalRoot.of(behind("Proto=HTTPS;Host=keygate.example.com:443", null, null, null)),
                "names are case-insensitive, the default port is dropped");
    }

    @Test
    void xForwardedHeadersAreTheFallback() {
        assertEquals("https://keygate.example.com/", ExternalRoot.of(behind(null, "https", "keygate.example.com", null)));
        assertEquals("https://keygate.example.com:8443/", ExternalRoot.of(behind(null, "https, http", "keygate.example.com, inner", "8443")));
        assertEquals("https://keygate.example.com:9000/", ExternalRoot.of(behind(null, "https", "keygate.example.com:9000", "8443")),
                "a port in the host wins over X-Forwarded-Port");
        assertEquals("https://10.0.0.5:8080/", ExternalRoot.of(behind(null, "https", null, null)),
                "only the scheme: the proxy kept the Host header the server read");
    }

    @Test
    void valuesThatAreNoSchemeHostOrPortAreIgnored() {
        assertEquals("http://10.0.0.5:8080/", ExternalRoot.of(behind(null, "javascript", "evil.example.com/path", "x")));
        assertEquals("http://10.0.0.5:8080/", ExternalRoot.of(behind("host=a b;proto=gopher", null, null, null)));
        assertEquals("https://keygate.example.com/", ExternalRoot.of(behind(null, "https", "keygate.example.com", "99999999")));
        assertEquals("http://keygate.example.com/", ExternalRoot.of(behind(null, "ftp", "keygate.example.com", null)),
                "a bad scheme keeps the request's own");
    }

    @Test
    void theDirectRootIgnoresTheProxy() {
        assertEquals("http://10.0.0.5:8080/", ExternalRoot.direct(behind("proto=https;host=keygate.example.com", null, null, null)));
    }

    @Test
    void aLoginCanStartOnlyWhereTheServerTheBrowserAndThePublicAddressAgree() {
        assertEquals(null, ExternalRoot.loginProblem("http://127.0.0.1:8191/", "http://127.0.0.1:8191/", null));
        assertEquals(null, ExternalRoot.loginProblem("https://keygate.example.com/", "https://keygate.example.com/",
                "https://KEYGATE.example.com/"));
        String wrongHost = ExternalRoot.loginProblem("http://localhost:8191/", "http://localhost:8191/", "http://127.0.0.1:8191/");
        assertEquals(true, wrongHost.contains("Open http://127.0.0.1:8191/ instead"), wrongHost);
        String behindProxy = ExternalRoot.loginProblem("http://10.0.0.5:8080/", "https://keygate.example.com/", null);
        assertEquals(true, behindProxy.contains("proxy-address-forwarding") && behindProxy.contains("scheme-mapping"), behindProxy);
        assertEquals(true, ExternalRoot.loginProblem("http://10.0.0.5:8080/", "https://keygate.example.com/",
                "https://keygate.example.com/").contains("sees the request as http://10.0.0.5:8080/"));
    }
}
