package org.keygate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class UsageEventTest {

    private static UsageEvent withModel(String model) {
        return new UsageEvent("req_1", "key_1", "team_1", model, "demo", 404, "model_not_found", 0, 0, 0, 0, 0, 1,
                "127.0.0.1", 0);
    }

    @Test
    void aModelNameTheDatabaseCouldNotStoreIsMadeStorable() {
        assertEquals("demo/\uFFFDecho", withModel("demo/\u0000echo").model());
        assertEquals(200, withModel("x".repeat(70_000)).model().length());
        assertEquals("a\uFFFDb", withModel("a\uD800b").model(), "a lone surrogate");
        assertEquals("💥".repeat(100), withModel("💥".repeat(150)).model(), "a pair is kept whole or not at all");
        assertNull(withModel(null).model());
    }

    @Test
    void aCleanNameIsTheSameString() {
        String model = "openai/gpt-4o-mini";
        assertSame(model, withModel(model).model());
    }
}
