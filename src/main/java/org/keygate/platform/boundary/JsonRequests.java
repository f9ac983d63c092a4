package org.keygate.platform.boundary;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.KeygateException;
import org.keygate.platform.control.Names;

/**
 * Request bodies into request records with the servers' JSON-B (Yasson on both), configured to be
 * strict: snake_case names, {@code jsonb.fail-on-unknown-properties} (Yasson's
 * {@code YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES}), the strict value types of {@link StrictValues},
 * and the JSON-P parser of {@link PathParser} in between, which refuses duplicate names and says
 * where anything went wrong. Every refusal is an {@link InvalidInput} naming the field, as the API
 * documents.
 *
 * <p>One adjustment to JSON-B: an {@code Optional} component the body leaves out is null, not
 * {@code Optional.empty()} (JSON-B fills missing creator parameters of type Optional with empty),
 * so PATCH records keep three states — absent (unchanged), null (cleared), a value.
 */
final class JsonRequests {

    /** The Yasson property, by name: no compile-time dependency on the provider. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private static final Jsonb JSONB = JsonbBuilder.newBuilder()
            .withConfig(new JsonbConfig()
                    .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                    .withDeserializers(StrictValues.all())
                    .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true))
            .withProvider(new Tracking(JsonProvider.provider()))
            .build();

    private JsonRequests() {
    }

    /** The record the body describes, or an InvalidInput (a KeygateException the record itself threw passes through). */
    static <R extends Record> R read(String text, Class<R> type) {
        Body body = new Body(text);
        R record;
        try {
            record = JSONB.fromJson(body, type);
        } catch (RuntimeException e) {
            throw refusal(e, body.parser, type);
        }
        if (record == null || body.parser.first() != JsonParser.Event.START_OBJECT) {
            throw new InvalidInput(null, "the request body must be a JSON object");
        }
        return absentStaysNull(record, body.parser.rootNames());
    }

    private static RuntimeException refusal(RuntimeException thrown, PathParser parser, Type type) {
        // as soon as the body starts with anything but an object, that is the answer, whatever comes
        // after; JSON-B reads on past it, and Parsson 1.1.5 (Payara) then fails differently from 1.1.7
        if (parser != null && parser.first() != null && parser.first() != JsonParser.Event.START_OBJECT) {
            return new InvalidInput(null, "the request body must be a JSON object");
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof KeygateException k) {
                return k;
            }
            if (t instanceof JsonParsingException p) {
                JsonLocation at = p.getLocation();
                return new InvalidInput(null, "malformed JSON" + (at == null ? ""
                        : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
            }
        }
        if (parser == null) {
            return thrown;
        }
        String field = PathParser.field(parser.at());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidJson invalid) {
                return new InvalidInput(field, invalid.getMessage());
            }
        }
        // refused by JSON-B itself: a value that is no array or object where the record has a list or a
        // record (JSON-B notices one event later, hence "before"), or a name the record does not have;
        // anything else is a fault of ours and stays a 500
        String mismatch = mismatch(typeAt(type, parser.before()), parser.beforeLast());
        if (mismatch != null) {
            return new InvalidInput(PathParser.field(parser.before()), mismatch);
        }
        if (parser.beforeLast() == JsonParser.Event.KEY_NAME && typeAt(type, parser.at()) == null) {
            return new InvalidInput(field, "unknown field");
        }
        return thrown;
    }

    /** What is wrong with a value that starts with {@code event} where the record has {@code expected}, or null. */
    private static String mismatch(Type expected, JsonParser.Event event) {
        Class<?> raw = expected == null ? null : raw(expected);
        if (raw == null || event == null || event == JsonParser.Event.KEY_NAME || event == JsonParser.Event.END_OBJECT
                || event == JsonParser.Event.END_ARRAY) {
            return null;
        }
        if (Collection.class.isAssignableFrom(raw) && event != JsonParser.Event.START_ARRAY) {
            return "must be an array";
        }
        if (raw.isRecord() && event != JsonParser.Event.START_OBJECT) {
            return "must be an object";
        }
        return null;
    }

    /** The Java type a path of the body stands for in the record, or null when the record has no such field. */
    static Type typeAt(Type root, List<Object> path) {
        Type type = root;
        for (Object segment : path) {
            type = unwrapOptional(type);
            Class<?> raw = raw(type);
            if (raw == null) {
                return null;
            }
            if (segment instanceof Integer) {
                if (!Collection.class.isAssignableFrom(raw) || !(type instanceof ParameterizedType p)) {
                    return null;
                }
                type = p.getActualTypeArguments()[0];
            } else {
                if (!raw.isRecord()) {
                    return null;
                }
                Type found = null;
                for (RecordComponent c : raw.getRecordComponents()) {
                    if (Names.snake(c.getName()).equals(segment)) {
                        found = c.getGenericType();
                    }
                }
                if (found == null) {
                    return null;
                }
                type = found;
            }
        }
        return unwrapOptional(type);
    }

    /** The record with null for each Optional component whose name the body did not give. */
    static <R extends Record> R absentStaysNull(R record, Set<String> given) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(record);
                if (types[i] == Optional.class && !given.contains(Names.snake(components[i].getName()))) {
                    values[i] = null;
                    changed = true;
                }
            }
            if (!changed) {
                return record;
            }
            @SuppressWarnings("unchecked")
            R copy = (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getName(), e);
        }
    }

    private static Type unwrapOptional(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Optional.class ? p.getActualTypeArguments()[0] : type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    /** The body as JSON-B reads it, with the parser it was read through. */
    private static final class Body extends StringReader {

        PathParser parser;

        Body(String text) {
            super(text);
        }
    }

    /** The server's JSON-P provider, except that JSON-B's parser for a {@link Body} is a {@link PathParser}. */
    private static final class Tracking extends JsonProvider {

        private final JsonProvider json;

        Tracking(JsonProvider json) {
            this.json = json;
        }

        @Override
        public JsonParser createParser(Reader reader) {
            PathParser parser = new PathParser(json.createParser(reader));
            if (reader instanceof Body body) {
                body.parser = parser;
            }
            return parser;
        }

        @Override
        public JsonParser createParser(InputStream in) {
            return new PathParser(json.createParser(in));
        }

        @Override
        public JsonParserFactory createParserFactory(Map<String, ?> config) {
            return json.createParserFactory(config);
        }

        @Override
        public JsonGenerator createGenerator(Writer writer) {
            return json.createGenerator(writer);
        }

        @Override
        public JsonGenerator createGenerator(OutputStream out) {
            return json.createGenerator(out);
        }

        @Override
        public JsonGeneratorFactory createGeneratorFactory(Map<String, ?> config) {
            return json.createGeneratorFactory(config);
        }

        @Override
        public JsonReader createReader(Reader reader) {
            return json.createReader(reader);
        }

        @Override
        public JsonReader createReader(InputStream in) {
            return json.createReader(in);
        }

        @Override
        public JsonWriter createWriter(Writer writer) {
            return json.createWriter(writer);
        }

        @Override
        public JsonWriter createWriter(OutputStream out) {
            return json.createWriter(out);
        }

        @Override
        public JsonWriterFactory createWriterFactory(Map<String, ?> config) {
            return json.createWriterFactory(config);
        }

        @Override
        public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
            return json.createReaderFactory(config);
        }

        @Override
        public JsonObjectBuilder createObjectBuilder() {
            return json.createObjectBuilder();
        }

        @Override
        public JsonArrayBuilder createArrayBuilder() {
            return json.createArrayBuilder();
        }

        @Override
        public JsonBuilderFactory createBuilderFactory(Map<String, ?> config) {
            return json.createBuilderFactory(config);
        }
    }
}
