package org.keygate.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class AlertBackingTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void evidenceIsShownFieldByFieldInItsOrderWithReadableNamesAndPlainNumbers() {
        List<AlertBacking.Evidence> rows = AlertBacking.evidence(json("{\"hour_start\":\"2026-03-01T10:00:00Z\","
                + "\"tokens\":30004,\"tokens_ratio\":300.04,\"tokens_baseline_sd\":0.0,\"cost\":1E+2,"
                + "\"previously_last_used\":null,\"models\":[\"a\",\"b\"]}"));
        assertEquals(List.of(new AlertBacking.Evidence("hour start", "2026-03-01T10:00:00Z"),
                new AlertBacking.Evidence("tokens", "30004"), new AlertBacking.Evidence("tokens ratio", "300.04"),
                new AlertBacking.Evidence("tokens baseline sd", "0"), new AlertBacking.Evidence("cost", "100"),
                new AlertBacking.Evidence("previously last used", "—"),
                new AlertBacking.Evidence("models", "[\"a\",\"b\"]")), rows);
    }

    @Test
    void evidenceThatIsNotAnObjectIsOneRowAndNoEvidenceNone() {
        assertEquals(List.of(new AlertBacking.Evidence("evidence", "7")), AlertBacking.evidence(json("7")));
        assertEquals(List.of(), AlertBacking.evidence(null));
    }
}
