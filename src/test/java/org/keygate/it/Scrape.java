package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One scrape of a server's {@code /metrics}; a series' value is the sum over the lines of that name
 * that carry every given label.
 */
record Scrape(String text) {

    static Scrape of(Gw gw) {
        HttpResponse<String> r = gw.get("metrics", Map.of());
        assertEquals(200, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers()::toString);
        return new Scrape(r.body());
    }

    double value(String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    double delta(Scrape before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }
}
