package org.keygate.operations.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Keygate's OpenAPI document, written by hand in {@value #RESOURCE} (the ITs check every request
 * and answer they make against it), as one deployment serves it: its {@code servers} entry is the
 * deployment's context path, so "try it out" and generated clients call the server that served it.
 * Both renderings are made once, when the servlet starts.
 */
final class OpenApiDocument {

    static final String RESOURCE = "openapi/openapi.yaml";

    private final String yaml;
    private final String json;

    private OpenApiDocument(Map<String, Object> document) {
        this.yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setWidth(120).build()).dumpToString(withTextKeys(document));
        this.json = toJson(document).toString();
    }

    /** The tree with every map key a string, so that {@code 200:} is written {@code '200':} as OpenAPI asks. */
    private static Object withTextKeys(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), withTextKeys(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(OpenApiDocument::withTextKeys).toList();
        }
        return node;
    }

    /**
     * The YAML tree as JSON. Not {@code Json.createObjectBuilder(Map)}: YAML reads the response
     * codes ({@code 200:}) as integer keys, which JSON writes as the strings they are.
     */
    static JsonValue toJson(Object node) {
        if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(v -> array.add(toJson(v)));
            return array.build();
        }
        if (node == null) {
            return JsonValue.NULL;
        }
        if (node instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long) {
            return Json.createValue(((Number) node).longValue());
        }
        if (node instanceof BigInteger big) {
            return Json.createValue(big);
        }
        if (node instanceof Double d) {
            return Json.createValue(d);
        }
        return Json.createValue(node.toString());
    }

    /** The document of a deployment at {@code contextPath} ({@code ""} for the server root). */
    static OpenApiDocument forContext(String contextPath) {
        return of(load(), contextPath);
    }

    static OpenApiDocument of(Map<String, Object> source, String contextPath) {
        Map<String, Object> document = new LinkedHashMap<>(source);
        document.put("servers", List.of(Map.of("url", contextPath.isEmpty() ? "/" : contextPath,
                "description", "this Keygate server")));
        return new OpenApiDocument(document);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the WAR");
            }
            Object document = new Load(LoadSettings.builder().setLabel(RESOURCE).build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml() {
        return yaml;
    }

    String json() {
        return json;
    }
}
