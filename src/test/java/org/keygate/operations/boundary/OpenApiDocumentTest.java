package org.keygate.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the code: it parses without a message, each rendering the servlet
 * answers is the same document, and the operations it lists are exactly the ones the code has —
 * every JAX-RS resource method and every served path of the gateway and the operations servlets,
 * nothing more. (That each documented field and status is the server's truth is checked by the
 * ITs, which hold every exchange against it.)
 */
class OpenApiDocumentTest {

    /** Servlet paths the document describes (the rest are pages, Faces and exports for the admin UI). */
    private static final List<String> DOCUMENTED_ROOTS = List.of("/v1/", "/auth/", "/health", "/metrics", "/ping", "/openapi");

    private static Set<JavaClass> classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.keygate").stream()
                .collect(java.util.stream.Collectors.toSet());
    }

    private static OpenAPI parse(String text) throws Exception {
        Path file = Files.createTempFile("openapi", ".txt");
        try {
            Files.writeString(file, text);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readLocation(file.toString(), null, options);
            assertEquals(List.of(), result.getMessages(), "the parser's messages");
            assertNotNull(result.getOpenAPI());
            return result.getOpenAPI();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void bothRenderingsAreTheSameValidDocumentServedFromItsContextPath() throws Exception {
        OpenApiDocument document = OpenApiDocument.forContext("/keygate");
        OpenAPI yaml = parse(document.yaml());
        OpenAPI json = parse(document.json());
        assertTrue(yaml.getOpenapi().startsWith("3.0."), yaml.getOpenapi());
        assertEquals(yaml, json);
        assertEquals("/keygate", yaml.getServers().get(0).getUrl());
        assertEquals("/", parse(OpenApiDocument.forContext("").json()).getServers().get(0).getUrl());
        assertTrue(document.json().contains("\"200\":"), "response codes are strings in JSON");
    }

    @Test
    void everyOperationIsNamedSummarisedTaggedAndAnswersSomething() throws Exception {
        OpenAPI api = parse(OpenApiDocument.forContext("").yaml());
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String name = method + " " + path;
            if (op.getOperationId() == null || !ids.add(op.getOperationId())) {
                wrong.add(name + ": no operationId, or one used twice");
            }
            if (op.getSummary() == null || op.getTags() == null || op.getTags().isEmpty()) {
                wrong.add(name + ": no summary or tag");
            }
            if (op.getResponses().keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
                wrong.add(name + ": no success response");
            }
            if (path.startsWith("/api/") && security(api, op).isEmpty()) {
                wrong.add(name + ": no security requirement");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    private static List<?> security(OpenAPI api, Operation op) {
        return op.getSecurity() != null ? op.getSecurity() : api.getSecurity() != null ? api.getSecurity() : List.of();
    }

    @Test
    void theDocumentListsExactlyTheOperationsOfTheCode() throws Exception {
        OpenAPI api = parse(OpenApiDocument.forContext("").yaml());
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + template(path))));
        Set<String> served = new TreeSet<>(resourceOperations());
        Set<String> servletPrefixes = new TreeSet<>();
        servletOperations(served, servletPrefixes);

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> phantom = new TreeSet<>();
        for (String op : documented) {
            if (!served.contains(op) && servletPrefixes.stream().noneMatch(op::startsWith)) {
                phantom.add(op);
            }
        }
        assertEquals(Set.of(), undocumented, "served but not in openapi.yaml");
        assertEquals(Set.of(), phantom, "in openapi.yaml but not served");
    }

    /** "METHOD /api/..." of every JAX-RS resource method, path parameters written {_}. */
    private static Set<String> resourceOperations() throws ClassNotFoundException {
        String application = classes.stream().filter(c -> c.isAnnotatedWith(ApplicationPath.class)).findFirst()
                .orElseThrow().getAnnotationOfType(ApplicationPath.class).value();
        Set<String> ops = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(jakarta.ws.rs.Path.class)) {
                continue;
            }
            Class<?> type = Class.forName(c.getName());
            String base = join(application.startsWith("/") ? application : "/" + application, type.getAnnotation(jakarta.ws.rs.Path.class).value());
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    ops.add(verb + " " + template(sub == null ? base : join(base, sub.value())));
                }
            }
        }
        return ops;
    }

    /** The GET/POST/... a servlet of a documented root answers; a wildcard mapping gives a prefix instead. */
    private static void servletOperations(Set<String> ops, Set<String> prefixes) throws ClassNotFoundException {
        // service(): every method the same way; the document names the GET and POST proxies send
        Map<String, List<String>> verbs = Map.of("doGet", List.of("GET"), "doPost", List.of("POST"), "doPut", List.of("PUT"),
                "doDelete", List.of("DELETE"), "service", List.of("GET", "POST"));
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(WebServlet.class)) {
                continue;
            }
            Class<?> type = Class.forName(c.getName());
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            List<String> patterns = new ArrayList<>(List.of(servlet.urlPatterns()));
            patterns.addAll(List.of(servlet.value()));
            for (String pattern : patterns) {
                if (DOCUMENTED_ROOTS.stream().noneMatch(pattern::startsWith) || pattern.startsWith("/openapi/")) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (!verbs.containsKey(m.getName()) || !HttpServlet.class.isAssignableFrom(type)) {
                        continue;
                    }
                    for (String verb : verbs.get(m.getName())) {
                        if (pattern.endsWith("/*")) {
                            prefixes.add(verb + " " + pattern.substring(0, pattern.length() - 2));
                        } else {
                            ops.add(verb + " " + pattern);
                        }
                    }
                }
            }
        }
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.startsWith("/") ? b : "/" + b;
        return right.equals("/") ? left : left + right;
    }

    /**
     * {@code /teams/{teamId: [a-z]+}/x} and {@code /teams/{id}/x} alike as {@code /teams/{_}/x}; a
     * parameter whose pattern spans segments ({@code {id: [^/]+/[^/]+}}) as one {@code {_}} per segment.
     */
    private static String template(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[^}]*}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long segments = 1 + m.group().replaceAll("\\[[^]]*]", "").chars().filter(c -> c == '/').count();
            m.appendReplacement(out, String.join("/", java.util.Collections.nCopies((int) segments, "{_}")));
        }
        return m.appendTail(out).toString();
    }
}
