package org.keygate.gateway.control;

import jakarta.json.JsonObject;

/**
 * The usage of one Anthropic Messages stream, read from its events: {@code message_start}
 * carries the input counts in {@code message.usage} (and a first, provisional output count),
 * every {@code message_delta} the cumulative {@code usage.output_tokens} (and, in newer API
 * versions, cumulative input counts, which then replace the start's). The usage is known only
 * from the first {@code message_delta} on: a stream cut off before it has none, and is billed at
 * its reservation like any stream without its usage, never at the start's provisional count.
 */
final class MessagesStreamUsage implements Endpoint.StreamMeter {

    private JsonObject started;
    private Usage usage;
    /** A count too large to be true was seen: the stream's usage is unreadable for good (billed at the reservation). */
    private boolean unreadable;

    @Override
    public Usage seen(JsonObject event) {
        if (!(event.get("type") instanceof jakarta.json.JsonString type)) {
            return unreadable ? null : usage;
        }
        switch (type.getString()) {
            case "message_start" -> {
                if (event.get("message") instanceof JsonObject message && message.get("usage") instanceof JsonObject u) {
                    started = u;
                }
            }
            case "message_delta" -> {
                if (event.get("usage") instanceof JsonObject delta) {
                    usage = Usage.ofMessage(delta, started);
                    unreadable |= usage == null;
                }
            }
            default -> {
            }
        }
        return unreadable ? null : usage;
    }
}
