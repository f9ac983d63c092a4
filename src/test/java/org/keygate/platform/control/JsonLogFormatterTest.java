package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    private static final String KEY = "ck-Q7wE9rT2yU4iO6pA8sD0fG1hJ3kL5zX7cV9bN2mM4q8";

    private static JsonObject line(LogRecord record) {
        String text = new JsonLogFormatter().format(record);
        assertTrue(text.endsWith(System.lineSeparator()), "one object per line");
        assertEquals(1, text.strip().lines().count(), text);
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aRecordIsOneObjectWithItsMessageFormattedAndItsExceptionMasked() {
        LogRecord record = new LogRecord(Level.WARNING, "call {0} failed");
        record.setLoggerName("org.keygate.gateway");
        record.setParameters(new Object[] {"req_1"});
        record.setThrown(new IllegalStateException("upstream said " + KEY, new RuntimeException("cause " + KEY)));
        JsonObject json = line(record);
        assertEquals("WARNING", json.getString("level"));
        assertEquals("org.keygate.gateway", json.getString("logger"));
        assertEquals("call req_1 failed", json.getString("message"));
        assertTrue(json.getString("time").endsWith("Z"), json.getString("time"));
        String exception = json.getString("exception");
        assertTrue(exception.contains("IllegalStateException") && exception.contains("cause "), exception);
        assertFalse(exception.contains(KEY) || json.toString().contains(KEY.substring(3)), "the key is masked: " + json);
    }

    @Test
    void anAccessRecordsFieldsAreFieldsOfTheirOwn() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", "req_2");
        fields.put("key_id", "key_9");
        fields.put("team_id", null);
        fields.put("status", 429);
        fields.put("latency_ms", 1.25);
        fields.put("outcome", "rate_limit_exceeded");
        fields.put("model", "sneaky " + KEY);
        LogRecord record = new LogRecord(Level.INFO, "gateway call request_id=req_2 key_id=key_9");
        record.setLoggerName("org.keygate.access");
        record.setParameters(new Object[] {fields});
        JsonObject json = line(record);
        assertEquals("gateway call", json.getString("message"));
        assertEquals("req_2", json.getString("request_id"));
        assertEquals("key_9", json.getString("key_id"));
        assertTrue(json.isNull("team_id"));
        assertEquals(429, json.getInt("status"));
        assertEquals(1.25, json.getJsonNumber("latency_ms").doubleValue());
        assertEquals("rate_limit_exceeded", json.getString("outcome"));
        assertFalse(json.getString("model").contains(KEY.substring(3)), json.getString("model"));
    }
}
