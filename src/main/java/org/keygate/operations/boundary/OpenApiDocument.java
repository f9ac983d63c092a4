package org.keygate.operations.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.keygate.platform.control.JsonTrees;
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
        this.json = JsonTrees.of(document).toString();
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

    /** The document of a deployment at {@code contextPath} ({@code ""} for the server root). */
    static OpenApiDocument forContext(String contextPath) {
        return of(load(), contextPath);
    }

    static OpenApiDocument of(Map<String, Object> source, String contextPath) {
        Map<String, Object> document = new LinkedHashMap<>(source);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", contextPath.isEmpty() ? "/" : contextPath);
        server.put("description", "this Keygate server");
        document.put("servers", List.of(server));
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
