package org.keygate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Keeps {@code openapi.yaml} the truth: {@link Api} and {@link Gw} hand every exchange of the ITs
 * to {@link #check}, which fails the test when the request or the answer does not match the
 * document. An answer is always checked (its status must be documented for the operation, its
 * body must match that status's schema); the request only when the server accepted it (2xx) —
 * the tests send wrong requests on purpose, and a refused one is the server agreeing with the
 * document. Paths outside the documented areas (pages, Faces resources) are not the document's
 * business; an undocumented path under them may only answer 400 (a malformed URL), 404 or 405. Nor is a refusal the
 * container answered before the application saw the request (it lacks the headers the
 * application sets on every answer), nor a path with dot segments.
 *
 * <p>At the end of the run {@code target/openapi-coverage.txt} lists the documented operations
 * no IT exercised.
 */
public final class ApiContract {

    public static final Path DOCUMENT = Path.of("src", "main", "resources", "openapi", "openapi.yaml");
    /** Where the documented part of a URL begins, after the deployment's context path. */
    private static final Pattern DOCUMENTED = Pattern.compile("^.*?(/(?:api/v1|v1|auth/verify|health|metrics|ping|openapi(?!/ui))(?:/.*)?)$");

    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.\\.?(/|$)");

    private static volatile ApiContract instance;

    private final OpenApiInteractionValidator validator;
    private final Map<String, Pattern> operations;
    /** Operations whose body is read as JSON whatever Content-Type says (their document lists {@code *}{@code /*}). */
    private final Set<String> jsonWhateverTheType;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    ApiContract(Path document) {
        String location = document.toAbsolutePath().toString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var parsed = new OpenAPIV3Parser().readLocation(location, null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new IllegalStateException(document + " does not parse: " + parsed.getMessages());
        }
        // The gateway reads a JSON body and answers JSON whatever Content-Type and Accept say (its
        // clients' SDKs send both right; curl users often do not); the management API answers
        // 415 and 406 instead, so it cannot accept such a request and no exchange of it escapes.
        this.validator = OpenApiInteractionValidator.createFor(location).withLevelResolver(LevelResolver.create()
                .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.accept.invalid", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.contentType.invalid", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.contentType.notAllowed", ValidationReport.Level.IGNORE).build()).build();
        this.operations = operations(parsed.getOpenAPI());
        this.jsonWhateverTheType = jsonWhateverTheType(parsed.getOpenAPI());
    }

    /** The document of this source tree, read once per test JVM. */
    public static ApiContract get() {
        ApiContract c = instance;
        if (c == null) {
            synchronized (ApiContract.class) {
                c = instance;
                if (c == null) {
                    c = new ApiContract(DOCUMENT);
                    Runtime.getRuntime().addShutdownHook(new Thread(c::writeCoverage));
                    instance = c;
                }
            }
        }
        return c;
    }

    /** Fails with the validator's messages when the exchange does not match the document. */
    public void check(HttpRequest request, String requestBody, HttpResponse<String> response) {
        List<String> problems = problems(request, requestBody, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the exchange does not match " + DOCUMENT + ":\n  " + String.join("\n  ", problems)
                    + "\n" + request.method() + " " + request.uri() + (requestBody == null ? "" : "\n" + cut(requestBody))
                    + "\n-> " + response.statusCode() + " " + cut(response.body()));
        }
    }

    /** What is wrong with the exchange, empty when it matches (or is not the document's business). */
    List<String> problems(HttpRequest request, String requestBody, HttpResponse<String> response) {
        Matcher m = DOCUMENTED.matcher(request.uri().getRawPath());
        if (!m.matches() || DOT_SEGMENT.matcher(URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8)).find()) {
            return List.of(); // a dot segment makes it another path, whichever the server resolves it to
        }
        // as sent (a decoded %00 or %2F would be another path to the validator), without what the
        // servers ignore: path parameters (;jsessionid=…) and a trailing slash
        String path = m.group(1).replaceAll(";[^/]*", "");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int status = response.statusCode();
        if (status >= 300 && response.headers().firstValue("X-Content-Type-Options").isEmpty()) {
            return List.of(); // the container refused it before the application saw it (e.g. %00 in the path)
        }
        Request.Method method = Request.Method.valueOf(request.method());
        String operation = operation(request.method(), path);
        if (operation == null) {
            return status == 400 || status == 404 || status == 405 ? List.of()
                    : List.of("no documented operation " + request.method() + " " + path + " but it answered " + status);
        }
        seen.add(operation);
        SimpleResponse.Builder answer = new SimpleResponse.Builder(status);
        response.headers().map().forEach(answer::withHeader);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report;
        if (status >= 200 && status < 300) {
            SimpleRequest.Builder sent = new SimpleRequest.Builder(request.method(), path);
            boolean asJson = jsonWhateverTheType.contains(operation);
            request.headers().map().forEach((name, values) -> {
                if (!asJson || !"content-type".equalsIgnoreCase(name)) {
                    sent.withHeader(name, values);
                }
            });
            if (asJson) {
                sent.withContentType("application/json"); // how the server reads it, as the document says
            }
            query(request.uri()).forEach(sent::withQueryParam);
            if (requestBody != null && !requestBody.isEmpty()) {
                // JSON parsers may ignore a byte order mark (RFC 8259 §8.1), and the server's does
                sent.withBody(requestBody.startsWith("\uFEFF") ? requestBody.substring(1) : requestBody);
            }
            report = validator.validate(sent.build(), answer.build());
        } else {
            report = validator.validateResponse(path, method, answer.build());
        }
        return report.getMessages().stream().filter(msg -> msg.getLevel() == ValidationReport.Level.ERROR)
                .map(msg -> msg.getKey() + ": " + msg.getMessage()
                        + (msg.getAdditionalInfo().isEmpty() ? "" : " " + msg.getAdditionalInfo()))
                .toList();
    }

    /** The body a {@link HttpRequest} will send, read from its publisher (which may be read again). */
    public static String body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the request body could not be read back", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String operation(String method, String path) {
        for (Map.Entry<String, Pattern> e : operations.entrySet()) {
            if (e.getKey().startsWith(method + " ") && e.getValue().matcher(path).matches()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** "METHOD /path/{param}" of every documented operation, with a pattern its concrete paths match. */
    private static Set<String> jsonWhateverTheType(OpenAPI api) {
        Set<String> out = new java.util.HashSet<>();
        api.getPaths().forEach((p, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().containsKey("*/*")) {
                out.add(method.name() + " " + p);
            }
        }));
        return out;
    }

    private static Map<String, Pattern> operations(OpenAPI api) {
        Map<String, Pattern> all = new java.util.LinkedHashMap<>();
        // literal paths before templated ones, so /keys/revoke-leaked is not taken for /keys/{id}
        List<String> paths = new ArrayList<>(api.getPaths().keySet());
        paths.sort(java.util.Comparator.comparing((String p) -> p.contains("{")).thenComparing(p -> p));
        for (String p : paths) {
            Pattern pattern = Pattern.compile(Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            api.getPaths().get(p).readOperationsMap().keySet()
                    .forEach(method -> all.put(method.name() + " " + p, pattern));
        }
        return all;
    }

    private static Map<String, List<String>> query(URI uri) {
        String raw = uri.getRawQuery();
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String cut(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    private void writeCoverage() {
        Set<String> unseen = new TreeSet<>(operations.keySet());
        unseen.removeAll(seen);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "openapi-coverage.txt"), "operations of " + DOCUMENT
                    + " the ITs exercised: " + seen.size() + " of " + operations.size() + "\nnot exercised:\n"
                    + unseen.stream().map(o -> "  " + o).collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
