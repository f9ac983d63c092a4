package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

/**
 * The contract check catches a document that drifted from the server: an undocumented field, a
 * missing required one, an undocumented status, an accepted request the document forbids, an
 * answer on an undocumented path — and stays quiet where the server only agreed with it.
 */
class ApiContractTest {

    private static final String BASE = "http://127.0.0.1:8080/keygate";
    private final ApiContract contract = new ApiContract(Path.of("src", "test", "resources", "openapi", "contract-test.yaml"));

    @Test
    void aMatchingExchangePasses() {
        assertEquals(List.of(), contract.problems(get("/api/v1/things/t1"), null,
                answer(200, "application/json", "{\"id\":\"t1\",\"name\":\"a\",\"note\":null}")));
        assertEquals(List.of(), contract.problems(post("/api/v1/things", "{\"name\":\"a\"}"), "{\"name\":\"a\"}",
                answer(201, "application/json", "{\"id\":\"t1\",\"name\":\"a\"}")));
    }

    @Test
    void anUndocumentedFieldInAnAnswerIsCaught() {
        List<String> problems = contract.problems(get("/api/v1/things/t1"), null,
                answer(200, "application/json", "{\"id\":\"t1\",\"name\":\"a\",\"teamId\":\"x\"}"));
        assertFalse(problems.isEmpty());
        assertTrue(problems.toString().contains("teamId"), problems::toString);
    }

    @Test
    void aMissingRequiredFieldOrAWrongTypeIsCaught() {
        assertFalse(contract.problems(get("/api/v1/things/t1"), null,
                answer(200, "application/json", "{\"id\":\"t1\"}")).isEmpty());
        assertFalse(contract.problems(get("/api/v1/things/t1"), null,
                answer(200, "application/json", "{\"id\":1,\"name\":\"a\"}")).isEmpty());
    }

    @Test
    void anUndocumentedStatusIsCaught() {
        List<String> problems = contract.problems(get("/api/v1/things/t1"), null,
                answer(409, "application/problem+json", "{\"status\":409,\"code\":\"conflict\"}"));
        assertTrue(problems.toString().contains("409"), problems::toString);
    }

    @Test
    void anAcceptedRequestTheDocumentForbidsIsCaught() {
        String body = "{\"name\":\"a\",\"colour\":\"red\"}";
        List<String> problems = contract.problems(post("/api/v1/things", body), body,
                answer(201, "application/json", "{\"id\":\"t1\",\"name\":\"a\"}"));
        assertTrue(problems.toString().contains("colour"), problems::toString);
    }

    @Test
    void aRefusedRequestOnlyHasItsAnswerChecked() {
        String body = "{\"name\":\"far too long a name\"}";
        assertEquals(List.of(), contract.problems(post("/api/v1/things", body), body,
                answer(400, "application/problem+json", "{\"status\":400,\"code\":\"invalid\"}")));
        assertFalse(contract.problems(post("/api/v1/things", body), body,
                answer(400, "application/problem+json", "{\"status\":\"400\"}")).isEmpty(), "the refusal's body is checked");
    }

    @Test
    void anUndocumentedPathMayOnlyBeNotFound() {
        assertEquals(List.of(), contract.problems(get("/api/v1/nothing"), null, answer(404, "text/html", "<p>no</p>")));
        assertEquals(List.of(), contract.problems(get("/api/v1/%00/x"), null, answer(400, "application/problem+json", "{}")));
        List<String> problems = contract.problems(get("/api/v1/nothing"), null, answer(200, "application/json", "{}"));
        assertTrue(problems.toString().contains("no documented operation"), problems::toString);
    }

    @Test
    void whatTheContainerRefusedBeforeTheApplicationOrADotSegmentIsNotChecked() {
        HttpResponse<String> container = new Answer(400, HttpHeaders.of(Map.of(), (a, b) -> true), "");
        assertEquals(List.of(), contract.problems(get("/api/v1/things/%00"), null, container));
        assertEquals(List.of(), contract.problems(get("/api/v1/things/%2e%2e/x"), null, answer(200, "text/plain", "x")));
        assertEquals(List.of(), contract.problems(get("/api/v1/things/t1/;jsessionid=1"), null,
                answer(200, "application/json", "{\"id\":\"t1\",\"name\":\"a\"}")), "path parameters and a trailing slash");
    }

    @Test
    void pagesAreNotTheDocumentsBusiness() {
        assertEquals(List.of(), contract.problems(get("/admin/keys.xhtml"), null, answer(200, "text/html", "<html/>")));
    }

    @Test
    void checkFailsTheTestWithTheExchange() {
        AssertionError e = assertThrows(AssertionError.class, () -> contract.check(get("/api/v1/things/t1"), null,
                answer(200, "application/json", "{\"id\":\"t1\"}")));
        assertTrue(e.getMessage().contains("GET " + BASE + "/api/v1/things/t1"), e::getMessage);
    }

    @Test
    void theRequestBodyIsReadBackFromItsPublisher() {
        HttpRequest r = post("/api/v1/things", "{\"name\":\"é\"}");
        assertEquals("{\"name\":\"é\"}", ApiContract.body(r));
        assertEquals(null, ApiContract.body(get("/api/v1/things/t1")));
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Basic eDp5").GET().build();
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Basic eDp5")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** An answer of the application as the client saw it: status, content type, body (and the header it always sets). */
    private static HttpResponse<String> answer(int status, String contentType, String body) {
        return new Answer(status, HttpHeaders.of(Map.of("Content-Type", List.of(contentType), "X-Content-Type-Options",
                List.of("nosniff")), (a, b) -> true), body);
    }

    private record Answer(int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
