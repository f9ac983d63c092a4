package org.keygate.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HealthServletTest {

    @Test
    void aMapInACheckIsAnObjectAndEveryValueKeepsItsType() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("last_status", 500);
        entry.put("last_outcome", "error_status");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("openai", entry);
        data.put("backlog", 3L);
        data.put("round_trip_ms", 0.5);
        data.put("none", null);
        Health.Report report = new Health.Report(Instant.EPOCH, List.of(new Health.Check("upstreams", true, data),
                new Health.Check("redis", false, Map.of("ok", false))));
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"upstreams\",\"status\":\"UP\",\"data\":{\"openai\":"
                + "{\"last_status\":500,\"last_outcome\":\"error_status\"},\"backlog\":3,\"round_trip_ms\":0.5,\"none\":null}},"
                + "{\"name\":\"redis\",\"status\":\"DOWN\",\"data\":{\"ok\":false}}]}", HealthServlet.json(report));
    }
}
