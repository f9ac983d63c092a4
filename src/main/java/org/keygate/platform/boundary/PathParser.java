package org.keygate.platform.boundary;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * The JSON-P parser JSON-B reads a request body through, keeping track of where it is
 * ({@code memberships[1].team_id}) so that whatever JSON-B refuses can be answered with the field
 * at fault. It also refuses a name given twice in one object: Parsson rejects duplicates only when
 * it builds a {@code JsonObject} ({@code jakarta.json.JsonConfig.KEY_STRATEGY}), never while
 * streaming, which is how JSON-B reads. Closing it after the body's object checks that nothing
 * but white space follows. Everything Parsson throws (syntax, its nesting and number-length
 * limits) comes out as a {@link JsonParsingException}.
 */
final class PathParser implements JsonParser {

    private final JsonParser delegate;
    private final Deque<Frame> open = new ArrayDeque<>();
    private List<Object> at = List.of();
    private List<Object> before = List.of();
    private Event first;
    private Event last;
    private Event beforeLast;
    private Set<String> rootNames = Set.of();
    private boolean ended;

    /** An object or array being read: where it is, and which name or index was read last in it. */
    private static final class Frame {
        final List<Object> path;
        final boolean array;
        final Set<String> names = new HashSet<>();
        int index = -1;
        String name;

        Frame(List<Object> path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }

    PathParser(JsonParser delegate) {
        this.delegate = delegate;
    }

    /** Where the parser is: object names and list indexes from the body's root. */
    List<Object> at() {
        return at;
    }

    /**
     * Where the parser was before its last step. JSON-B's position check reads one event further
     * when a value is not the array or object it expects, so that value is here, not at {@link #at()}.
     */
    List<Object> before() {
        return before;
    }

    /** The event before the last one, at {@link #before()}. */
    Event beforeLast() {
        return beforeLast;
    }

    /** The first event of the body: {@code START_OBJECT} for a JSON object. */
    Event first() {
        return first;
    }

    /** The names the body's object gave, once it has been read to its end. */
    Set<String> rootNames() {
        return rootNames;
    }

    /** {@code memberships[1].team_id}: a path as the API names fields. */
    static String field(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(segment);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    @Override
    public Event next() {
        Event event = parse(delegate::next);
        before = at;
        beforeLast = last;
        last = event;
        switch (event) {
            case KEY_NAME -> {
                Frame frame = open.peek();
                String name = delegate.getString();
                at = append(frame.path, name);
                if (!frame.names.add(name)) {
                    throw new InvalidJson("appears more than once");
                }
                frame.name = name;
            }
            case START_OBJECT, START_ARRAY -> {
                List<Object> path = valuePath(event);
                open.push(new Frame(path, event == Event.START_ARRAY));
                at = path;
            }
            case END_OBJECT, END_ARRAY -> close(open.pop());
            default -> at = valuePath(event);
        }
        return event;
    }

    private List<Object> valuePath(Event event) {
        if (first == null) {
            first = event;
        }
        Frame frame = open.peek();
        if (frame == null) {
            return List.of();
        }
        if (frame.array) {
            frame.index++;
            return append(frame.path, frame.index);
        }
        return append(frame.path, frame.name);
    }

    private void close(Frame frame) {
        at = frame.path;
        if (open.isEmpty()) {
            rootNames = Set.copyOf(frame.names);
            ended = true;
        }
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(segment);
        return List.copyOf(out);
    }

    /** The structure that starts at the current event, read whole by Parsson: this frame ends with it. */
    private <T> T whole(java.util.function.Supplier<T> read) {
        T value = parse(read);
        if ((last == Event.START_OBJECT || last == Event.START_ARRAY) && !open.isEmpty()) {
            close(open.pop());
        }
        return value;
    }

    /** Runs one step of Parsson's: syntax errors stay what they are, its limits become syntax errors too. */
    private static <T> T parse(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (JsonParsingException | InvalidJson e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the nesting limit (a plain RuntimeException) or the length limit of numbers
            throw new JsonParsingException(e.getMessage(), e, null);
        }
    }

    @Override
    public JsonValue getValue() {
        return last == Event.START_OBJECT || last == Event.START_ARRAY ? whole(delegate::getValue) : parse(delegate::getValue);
    }

    @Override
    public JsonObject getObject() {
        return whole(delegate::getObject);
    }

    @Override
    public JsonArray getArray() {
        return whole(delegate::getArray);
    }

    @Override
    public void skipObject() {
        whole(() -> {
            delegate.skipObject();
            return null;
        });
    }

    @Override
    public void skipArray() {
        whole(() -> {
            delegate.skipArray();
            return null;
        });
    }

    /** Checks that only white space follows the body's object, then closes. */
    @Override
    public void close() {
        try {
            if (ended) {
                parse(delegate::hasNext);
            }
        } finally {
            delegate.close();
        }
    }

    @Override
    public boolean hasNext() {
        return parse(delegate::hasNext);
    }

    @Override
    public String getString() {
        return delegate.getString();
    }

    @Override
    public boolean isIntegralNumber() {
        return parse(delegate::isIntegralNumber);
    }

    @Override
    public int getInt() {
        return parse(delegate::getInt);
    }

    @Override
    public long getLong() {
        return parse(delegate::getLong);
    }

    @Override
    public BigDecimal getBigDecimal() {
        return parse(delegate::getBigDecimal);
    }

    @Override
    public JsonLocation getLocation() {
        return delegate.getLocation();
    }

    @Override
    public Event currentEvent() {
        return last;
    }

    /** Not tracked: JSON-B does not stream request records, and the reader refuses what it cannot place. */
    @Override
    public Stream<JsonValue> getArrayStream() {
        throw new UnsupportedOperationException("streams are not supported for request bodies");
    }

    @Override
    public Stream<Map.Entry<String, JsonValue>> getObjectStream() {
        throw new UnsupportedOperationException("streams are not supported for request bodies");
    }

    @Override
    public Stream<JsonValue> getValueStream() {
        throw new UnsupportedOperationException("streams are not supported for request bodies");
    }
}
