package org.keygate.platform.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/** The JSON-B settings of every JSON Keygate writes: snake_case names, nulls written out. */
public final class Json {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true));

    private Json() {
    }

    public static String write(Object value) {
        return value == null ? null : JSONB.toJson(value);
    }
}
