package org.keygate.platform.boundary;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

/**
 * The value types of request records, read strictly. Yasson 3 converts where it can — {@code "60"}
 * and {@code 60.9} both become the Integer 60, {@code 5} the String "5", {@code "yes"} the Boolean
 * false (its {@code TypeDeserializers}) — and its Instant takes ISO-8601 in upper case only. The API refuses
 * a value of the wrong JSON type instead, saying what the field takes. JSON null is null for all
 * of them (whether a field may be null is Bean Validation's business).
 */
final class StrictValues {

    static final String INSTANT = "must be an RFC 3339 date-time with offset, e.g. 2027-01-31T23:59:59Z";

    private StrictValues() {
    }

    static JsonbDeserializer<?>[] all() {
        return new JsonbDeserializer<?>[] {new Strings(), new Integers(), new Longs(), new Decimals(), new Booleans(),
                new Instants()};
    }

    static final class Strings implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString s) {
                return s.getString();
            }
            throw new InvalidJson("must be a string");
        }
    }

    static final class Integers implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Long value = integral(parser.getValue());
            if (value == null) {
                return null;
            }
            try {
                return Math.toIntExact(value);
            } catch (ArithmeticException e) {
                throw new InvalidJson("is out of range");
            }
        }
    }

    static final class Longs implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return integral(parser.getValue());
        }
    }

    static final class Decimals implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
            throw new InvalidJson("must be a number");
        }
    }

    static final class Booleans implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new InvalidJson("must be true or false");
            };
        }
    }

    static final class Instants implements JsonbDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString s) {
                try {
                    return OffsetDateTime.parse(s.getString()).toInstant();
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            throw new InvalidJson(INSTANT);
        }
    }

    /** An integer that fits a long, or null for JSON null. */
    private static Long integral(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            BigDecimal number = n.bigDecimalValue();
            // 1E+999999999 is integral too: count its digits before expanding it
            if (number.precision() - number.scale() > 19) {
                throw new InvalidJson("is out of range");
            }
            try {
                return number.toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidJson("is out of range");
            }
        }
        throw new InvalidJson("must be an integer");
    }
}
