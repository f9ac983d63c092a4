package org.keygate.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.Names;
import org.keygate.platform.control.PayloadTooLarge;

/**
 * Reads request bodies into the API's request records, strictly: snake_case names, unknown fields
 * refused, wrong types refused, bodies over {@code keygate.api.max-body-bytes} refused with 413 —
 * each error naming the field (e.g. {@code memberships[0].team_id}). Supported component types:
 * String, Integer, Long, BigDecimal, Boolean, Instant (RFC 3339), List of those or of records,
 * nested records, and {@code Optional<T>} for updates: absent → null, JSON null →
 * {@code Optional.empty()} (clear the value), value → {@code Optional.of(value)}.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRequestReader implements MessageBodyReader<Record> {

    private final long maxBytes;
    private final JsonProvider json = JsonProvider.provider();
    private final Map<Class<?>, Map<String, RecordComponent>> shapes = new java.util.concurrent.ConcurrentHashMap<>();

    public JsonRequestReader() {
        this(ConfigProvider.getConfig().getOptionalValue("keygate.api.max-body-bytes", Long.class).orElse(65_536L));
    }

    JsonRequestReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getName().startsWith("org.keygate.");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new PayloadTooLarge(maxBytes);
        }
        String text;
        try {
            // strict: JSON-P would silently turn bytes that are not UTF-8 into U+FFFD
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput(null, "malformed JSON: the body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            if (type.isAnnotationPresent(OptionalBody.class)) {
                return bind(type, JsonValue.EMPTY_JSON_OBJECT, "");
            }
            throw new InvalidInput(null, "a JSON object is required as the request body");
        }
        JsonObject object;
        // a parser rather than JsonReader.read(), which stops after the first value and ignores the rest
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidInput(null, "the request body must be a JSON object");
            }
            object = (JsonObject) value(parser, JsonParser.Event.START_OBJECT, "");
            if (parser.hasNext()) {
                throw new InvalidInput(null, "malformed JSON: unexpected content after the object");
            }
        } catch (InvalidInput e) {
            throw e;
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw new InvalidInput(null, "malformed JSON" + (at == null ? ""
                    : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
        } catch (RuntimeException e) {
            throw new InvalidInput(null, "malformed JSON");
        }
        return bind(type, object, "");
    }

    /**
     * The value that starts with {@code event}, refusing a name given twice in one object: JSON-P
     * keeps the last one silently, so {@code {"rpm_limit": 1, "rpm_limit": 100000}} would mean
     * whatever the reader in front of us did not check.
     */
    private JsonValue value(JsonParser parser, JsonParser.Event event, String field) {
        switch (event) {
            case START_OBJECT -> {
                JsonObjectBuilder object = json.createObjectBuilder();
                Set<String> names = new HashSet<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String name = parser.getString();
                    String child = field.isEmpty() ? name : field + "." + name;
                    if (!names.add(name)) {
                        throw new InvalidInput(child, "appears more than once");
                    }
                    object.add(name, value(parser, parser.next(), child));
                }
                return object.build();
            }
            case START_ARRAY -> {
                JsonArrayBuilder array = json.createArrayBuilder();
                int i = 0;
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    array.add(value(parser, e, field + "[" + i++ + "]"));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return json.createValue(parser.getString());
            }
            case VALUE_NUMBER -> {
                return json.createValue(parser.getBigDecimal());
            }
            case VALUE_TRUE -> {
                return JsonValue.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonValue.FALSE;
            }
            case VALUE_NULL -> {
                return JsonValue.NULL;
            }
            default -> throw new IllegalStateException("unexpected JSON event " + event);
        }
    }

    @SuppressWarnings("unchecked")
    <R extends Record> R bind(Class<R> type, JsonObject json, String path) {
        Map<String, RecordComponent> shape = shapes.computeIfAbsent(type, JsonRequestReader::shapeOf);
        for (String name : json.keySet()) {
            if (!shape.containsKey(name)) {
                throw new InvalidInput(path + name, "unknown field");
            }
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String name = Names.snake(c.getName());
            String field = path + name;
            boolean optional = c.getType() == Optional.class;
            Type valueType = optional ? typeArgument(c.getGenericType()) : c.getGenericType();
            if (!json.containsKey(name)) {
                args[i] = c.getType().isPrimitive() ? primitiveDefault(c.getType()) : null;
            } else if (json.isNull(name)) {
                if (c.getType().isPrimitive()) {
                    throw new InvalidInput(field, "must not be null");
                }
                args[i] = optional ? Optional.empty() : null;
            } else {
                Object value = convert(json.get(name), valueType, field);
                args[i] = optional ? Optional.of(value) : value;
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object convert(JsonValue value, Type type, String field) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            if (value instanceof JsonString s) {
                return s.getString();
            }
            throw new InvalidInput(field, "must be a string");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (value instanceof JsonNumber n && n.isIntegral()) {
                try {
                    long l = n.bigIntegerValueExact().longValueExact();
                    if (raw == Integer.class || raw == int.class) {
                        return Math.toIntExact(l);
                    }
                    return l;
                } catch (ArithmeticException e) {
                    throw new InvalidInput(field, "is out of range");
                }
            }
            throw new InvalidInput(field, "must be an integer");
        }
        if (raw == BigDecimal.class) {
            if (value instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
            throw new InvalidInput(field, "must be a number");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw new InvalidInput(field, "must be true or false");
        }
        if (raw == Instant.class) {
            if (value instanceof JsonString s) {
                try {
                    return OffsetDateTime.parse(s.getString()).toInstant();
                } catch (DateTimeParseException e) {
                    // fall through to the error below
                }
            }
            throw new InvalidInput(field, "must be an RFC 3339 date-time with offset, e.g. 2027-01-31T23:59:59Z");
        }
        if (raw == List.class) {
            if (!(value instanceof JsonArray array)) {
                throw new InvalidInput(field, "must be an array");
            }
            Type element = typeArgument(type);
            List<Object> out = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                JsonValue item = array.get(i);
                if (item.getValueType() == JsonValue.ValueType.NULL) {
                    throw new InvalidInput(field + "[" + i + "]", "must not be null");
                }
                out.add(convert(item, element, field + "[" + i + "]"));
            }
            return List.copyOf(out);
        }
        if (raw.isRecord()) {
            if (!(value instanceof JsonObject object)) {
                throw new InvalidInput(field, "must be an object");
            }
            return bind((Class) raw, object, field + ".");
        }
        throw new IllegalStateException("unsupported request component type " + type);
    }

    private static Type typeArgument(Type type) {
        return ((ParameterizedType) type).getActualTypeArguments()[0];
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        return 0;
    }

    private static Map<String, RecordComponent> shapeOf(Class<?> type) {
        Map<String, RecordComponent> shape = new HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            shape.put(Names.snake(c.getName()), c);
        }
        return shape;
    }
}
