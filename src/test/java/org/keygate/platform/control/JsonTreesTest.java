package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTreesTest {

    @Test
    void mapsListsNumbersAndNullsBecomeTheirJson() {
        Map<Object, Object> tree = new LinkedHashMap<>();
        tree.put(200, Map.of("ok", true));
        tree.put("list", Arrays.asList(1L, 2.5, null, "x"));
        tree.put("exact", new BigDecimal("0.000001"));
        tree.put("other", java.time.Duration.ofSeconds(1));
        assertEquals("{\"200\":{\"ok\":true},\"list\":[1,2.5,null,\"x\"],\"exact\":0.000001,\"other\":\"PT1S\"}",
                JsonTrees.of(tree).toString());
    }

    @Test
    void textValuesPassThroughTheGivenFunctionAndKeysDoNot() {
        assertEquals("{\"k\":[\"A\",\"B\"]}", JsonTrees.of(Map.of("k", List.of("a", "b")), String::toUpperCase).toString());
    }
}
