package org.keygate.platform.control;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Plain Java values — maps (any key, written as its text), lists, numbers, booleans, null, and
 * anything else as its {@code toString()} — as a JSON-P tree: a health report's data, a log
 * record's fields, a YAML document. Not {@code Json.createObjectBuilder(Map)}, which refuses
 * non-string keys (YAML reads {@code 200:} as a number) and unknown value types.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static JsonValue of(Object node) {
        return of(node, UnaryOperator.identity());
    }

    /** The same, each text value passed through {@code text} first (a log masks its keys there). */
    public static JsonValue of(Object node, UnaryOperator<String> text) {
        if (node == null) {
            return JsonValue.NULL;
        }
        if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), of(v, text)));
            return object.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(v -> array.add(of(v, text)));
            return array.build();
        }
        if (node instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long || node instanceof Short || node instanceof Byte) {
            return Json.createValue(((Number) node).longValue());
        }
        if (node instanceof BigInteger big) {
            return Json.createValue(big);
        }
        if (node instanceof BigDecimal exact) {
            return Json.createValue(exact);
        }
        if (node instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        return Json.createValue(text.apply(node.toString()));
    }
}
