package org.keygate.gateway.control;

import java.util.List;

/**
 * What the in-process {@code demo} provider answers one call: its exact usage and either a JSON
 * body or the SSE events of a stream (each a complete block, written and flushed one by one).
 */
public record DemoReply(Usage usage, String json, List<String> events) {

    public static DemoReply json(Usage usage, String json) {
        return new DemoReply(usage, json, null);
    }

    public static DemoReply stream(Usage usage, List<String> events) {
        return new DemoReply(usage, null, events);
    }

    public boolean streamed() {
        return events != null;
    }
}
