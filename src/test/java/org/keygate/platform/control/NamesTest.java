package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
            "name, name",
            "teamId, team_id",
            "ipWhitelist, ip_whitelist",
            "oldKeyExpiresIn, old_key_expires_in",
            "defaultRpmLimit, default_rpm_limit",
            "last4, last4",
            "keyPrefix, key_prefix",
    })
    void camelCaseToSnakeCase(String camel, String snake) {
        assertEquals(snake, Names.snake(camel));
    }
}
