package org.keygate.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.PayloadTooLarge;

/**
 * The request-body reader — the servers' JSON-B (Yasson 3.0.4 and Parsson, the versions both
 * servers ship) configured strict by {@link JsonRequests} — driven directly with records declared
 * here (no container).
 */
class JsonRequestReaderTest {

    public record Membership(String teamId, String role) {
    }

    public record CreateThing(String name, Integer rpmLimit, Long quota, BigDecimal dailyLimit, Boolean enabled,
            Instant expiresAt, List<String> allowedModels, List<Membership> memberships, Membership owner) {
    }

    public record UpdateThing(Optional<String> name, Optional<Integer> rpmLimit, Optional<Instant> expiresAt,
            Optional<List<String>> ipWhitelist) {
    }

    public record Validated(String name) {
        public Validated {
            if ("forbidden".equals(name)) {
                throw new InvalidInput("name", "is not allowed");
            }
        }
    }

    @OptionalBody
    public record MaybeEmpty(Integer oldKeyExpiresIn) {
    }

    private final JsonRequestReader reader = new JsonRequestReader(1_000);

    @Test
    void bindsEverySupportedTypeFromSnakeCaseNames() {
        CreateThing t = read(CreateThing.class, """
                {"name": "ci", "rpm_limit": 60, "quota": 5000000000, "daily_limit": 12.50, "enabled": true,
                 "expires_at": "2027-01-31T23:59:59Z", "allowed_models": ["anthropic/*", "demo/echo"],
                 "memberships": [{"team_id": "team_1", "role": "MEMBER"}, {"team_id": "team_2", "role": "TEAM_ADMIN"}],
                 "owner": {"team_id": "team_3", "role": "AUDITOR"}}
                """);
        assertEquals("ci", t.name());
        assertEquals(60, t.rpmLimit());
        assertEquals(5_000_000_000L, t.quota());
        assertEquals(new BigDecimal("12.50"), t.dailyLimit());
        assertEquals(Boolean.TRUE, t.enabled());
        assertEquals(Instant.parse("2027-01-31T23:59:59Z"), t.expiresAt());
        assertEquals(List.of("anthropic/*", "demo/echo"), t.allowedModels());
        assertEquals(List.of(new Membership("team_1", "MEMBER"), new Membership("team_2", "TEAM_ADMIN")), t.memberships());
        assertEquals(new Membership("team_3", "AUDITOR"), t.owner());
    }

    @Test
    void absentAndNullComponentsAreNull() {
        CreateThing t = read(CreateThing.class, "{\"name\": \"ci\", \"rpm_limit\": null}");
        assertEquals("ci", t.name());
        assertNull(t.rpmLimit());
        assertNull(t.memberships());
        assertNull(t.expiresAt());
    }

    @Test
    void unknownFieldIsNamed() {
        assertInvalid("rpm_limitt", "unknown field", CreateThing.class, "{\"name\": \"ci\", \"rpm_limitt\": 5}");
        assertInvalid("rpmLimit", "unknown field", CreateThing.class, "{\"rpmLimit\": 5}");
        assertInvalid("memberships[1].team", "unknown field", CreateThing.class,
                "{\"memberships\": [{\"team_id\": \"t\"}, {\"team\": \"t\"}]}");
        assertInvalid("owner.extra", "unknown field", CreateThing.class, "{\"owner\": {\"extra\": 1}}");
    }

    @Test
    void wrongTypesNameTheField() {
        assertInvalid("rpm_limit", "must be an integer", CreateThing.class, "{\"rpm_limit\": \"60\"}");
        assertInvalid("rpm_limit", "must be an integer", CreateThing.class, "{\"rpm_limit\": 2.5}");
        assertInvalid("rpm_limit", "must be an integer", CreateThing.class, "{\"rpm_limit\": 2.0}");
        assertInvalid("rpm_limit", "must be an integer", CreateThing.class, "{\"rpm_limit\": true}");
        assertInvalid("rpm_limit", "is out of range", CreateThing.class, "{\"rpm_limit\": 2147483648}");
        assertInvalid("quota", "is out of range", CreateThing.class, "{\"quota\": 9223372036854775808}");
        assertInvalid("name", "must be a string", CreateThing.class, "{\"name\": 42}");
        assertInvalid("name", "must be a string", CreateThing.class, "{\"name\": [\"ci\"]}");
        assertInvalid("name", "must be a string", CreateThing.class, "{\"name\": {\"value\": \"ci\"}}");
        assertInvalid("daily_limit", "must be a number", CreateThing.class, "{\"daily_limit\": \"12.50\"}");
        assertInvalid("enabled", "must be true or false", CreateThing.class, "{\"enabled\": \"true\"}");
        assertInvalid("enabled", "must be true or false", CreateThing.class, "{\"enabled\": 1}");
        assertInvalid("allowed_models", "must be an array", CreateThing.class, "{\"allowed_models\": {\"a\": 1}}");
        assertInvalid("allowed_models", "must be an array", CreateThing.class, "{\"allowed_models\": \"demo/echo\"}");
        assertInvalid("allowed_models[1]", "must be a string", CreateThing.class, "{\"allowed_models\": [\"a/b\", 7]}");
        assertInvalid("owner", "must be an object", CreateThing.class, "{\"owner\": \"team_1\"}");
    }

    @Test
    void nestedListOfRecordsNamesTheElementField() {
        assertInvalid("memberships[0].team_id", "must be a string", CreateThing.class,
                "{\"memberships\": [{\"team_id\": 17, \"role\": \"MEMBER\"}]}");
        assertInvalid("memberships[1].role", "must be a string", CreateThing.class,
                "{\"memberships\": [{\"team_id\": \"t\", \"role\": \"MEMBER\"}, {\"team_id\": \"t\", \"role\": false}]}");
        assertInvalid("memberships[0]", "must be an object", CreateThing.class, "{\"memberships\": [\"team_1\"]}");
        assertInvalid("memberships", "must be an array", CreateThing.class, "{\"memberships\": {\"team_id\": \"t\"}}");
        assertEquals(List.of(), read(CreateThing.class, "{\"memberships\": []}").memberships());
    }

    @Test
    void optionalComponentsTellAbsentFromNullFromValue() {
        UpdateThing absent = read(UpdateThing.class, "{}");
        assertNull(absent.name());
        assertNull(absent.rpmLimit());
        assertNull(absent.expiresAt());
        assertNull(absent.ipWhitelist());

        UpdateThing cleared = read(UpdateThing.class,
                "{\"name\": null, \"rpm_limit\": null, \"expires_at\": null, \"ip_whitelist\": null}");
        assertEquals(Optional.empty(), cleared.name());
        assertEquals(Optional.empty(), cleared.rpmLimit());
        assertEquals(Optional.empty(), cleared.expiresAt());
        assertEquals(Optional.empty(), cleared.ipWhitelist());

        UpdateThing set = read(UpdateThing.class, """
                {"name": "x", "rpm_limit": 10, "expires_at": "2027-01-01T00:00:00Z", "ip_whitelist": ["10.0.0.0/8"]}
                """);
        assertEquals(Optional.of("x"), set.name());
        assertEquals(Optional.of(10), set.rpmLimit());
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), set.expiresAt());
        assertEquals(Optional.of(List.of("10.0.0.0/8")), set.ipWhitelist());

        assertInvalid("rpm_limit", "must be an integer", UpdateThing.class, "{\"rpm_limit\": \"10\"}");
        assertInvalid("ip_whitelist[0]", "must be a string", UpdateThing.class, "{\"ip_whitelist\": [10]}");
    }

    /**
     * A null entry in a list is read as one; refusing it is the request record's business
     * ({@code List<@NotNull …>}, see each feature's request constraint tests).
     */
    @Test
    void nullListEntriesAreLeftToBeanValidation() {
        assertEquals(Arrays.asList("a/b", null), read(CreateThing.class, "{\"allowed_models\": [\"a/b\", null]}").allowedModels());
        assertEquals(Arrays.asList(new Membership("t", null), null),
                read(CreateThing.class, "{\"memberships\": [{\"team_id\": \"t\"}, null]}").memberships());
    }

    /**
     * JSON-B fills a missing primitive with 0 or false and cannot refuse null for one, so request
     * records use wrapper types throughout (null then means "not given").
     */
    @Test
    void requestRecordsHaveNoPrimitiveComponents() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.keygate");
        Set<Class<?>> bodies = new HashSet<>();
        for (JavaClass resource : main) {
            if (resource.isAnnotatedWith(Path.class)) {
                resource.getMethods().stream()
                        .filter(m -> m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                        .forEach(m -> m.getRawParameterTypes().stream().map(JavaClass::reflect)
                        .filter(t -> reader.isReadable(t, t, new Annotation[0], MediaType.APPLICATION_JSON_TYPE))
                        .forEach(bodies::add));
            }
        }
        List<String> primitive = new ArrayList<>();
        for (Class<?> body : bodies) {
            for (RecordComponent component : body.getRecordComponents()) {
                if (component.getType().isPrimitive()) {
                    primitive.add(body.getSimpleName() + "." + component.getName());
                }
            }
        }
        assertTrue(bodies.size() > 15, "found the request records: " + bodies);
        assertEquals(List.of(), primitive);
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String padding = " ".repeat(1_000);
        PayloadTooLarge e = assertThrows(PayloadTooLarge.class, () -> readRaw(CreateThing.class,
                "{\"name\": \"ci\"}" + padding));
        assertEquals(413, e.status());
        assertThrows(PayloadTooLarge.class, () -> readRaw(CreateThing.class,
                "{\"name\": \"" + "x".repeat(5_000_000) + "\"}"));
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        String json = "{\"name\": \"ci\"}";
        String body = json + " ".repeat(1_000 - json.length());
        assertEquals(1_000, body.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("ci", read(CreateThing.class, body).name());
    }

    @Test
    void emptyBodyNeedsOptionalBody() {
        assertInvalid(null, "a JSON object is required as the request body", CreateThing.class, "");
        assertInvalid(null, "a JSON object is required as the request body", CreateThing.class, " \r\n\t ");
        assertNull(read(MaybeEmpty.class, "").oldKeyExpiresIn());
        assertNull(read(MaybeEmpty.class, "  \n").oldKeyExpiresIn());
        assertEquals(3600, read(MaybeEmpty.class, "{\"old_key_expires_in\": 3600}").oldKeyExpiresIn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\":", "{\"name\": \"ci\"", "{'name': 'ci'}", "{name: \"ci\"}",
            "{\"name\": \"ci\",}", "{\"name\": ci}", "{\"name\": \"ci\"} x", "{\"name\": \"ci\"}{\"name\": \"cd\"}",
            "{\"name\": \"ci\"} {}", "{\"name\": \"ci\"}]", "{\"name\": \"ci\"}}", "{\"name\": \"ci\"} 1",
            "\u0000", "{\"rpm_limit\": 01}", "{\"rpm_limit\": +1}", "{\"rpm_limit\": NaN}", "{\"name\": \"ci\"} // c"})
    void malformedJsonIsInvalidInput(String body) {
        InvalidInput e = assertThrows(InvalidInput.class, () -> readRaw(CreateThing.class, body));
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void hugeNumbersAndDeepNestingAreInvalidInputNotAServerError() {
        JsonRequestReader roomy = new JsonRequestReader(65_536);
        for (String body : List.of("{\"daily_limit\": 1" + "0".repeat(5_000) + "}",
                "{\"allowed_models\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}")) {
            assertThrows(InvalidInput.class, () -> roomy.readFrom(cast(CreateThing.class), null, new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void malformedJsonSaysWhere() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> readRaw(CreateThing.class, "{\"name\":\n  }"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void invalidUtf8IsInvalidInput() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThrows(InvalidInput.class, () -> reader.readFrom(cast(CreateThing.class), null, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body)));
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        assertEquals("ci", read(CreateThing.class, "\uFEFF{\"name\": \"ci\"}").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\": \"ci\"}]", "42", "\"ci\"", "null", "true"})
    void nonObjectJsonIsInvalidInput(String body) {
        assertThrows(InvalidInput.class, () -> readRaw(CreateThing.class, body));
    }

    /** Whatever follows (Payara's Parsson 1.1.5 and 1.1.7 fail differently past a root scalar). */
    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"ci\"", "null", "true", "[1,", "42 x", "[{\"name\": \"ci\"}]"})
    void aBodyThatIsNoObjectIsSaidToBeNone(String body) {
        assertInvalid(null, "the request body must be a JSON object", CreateThing.class, body);
    }

    @Test
    void duplicateFieldIsRefusedAndNamed() {
        assertInvalid("rpm_limit", "appears more than once", CreateThing.class, "{\"rpm_limit\": 1, \"rpm_limit\": 100000}");
        assertInvalid("name", "appears more than once", CreateThing.class, "{\"name\": \"a\", \"rpm_limit\": 1, \"name\": \"a\"}");
        assertInvalid("memberships[1].team_id", "appears more than once", CreateThing.class,
                "{\"memberships\": [{\"team_id\": \"a\"}, {\"team_id\": \"a\", \"team_id\": \"b\"}]}");
        assertInvalid("owner.role", "appears more than once", CreateThing.class,
                "{\"owner\": {\"role\": \"MEMBER\", \"role\": \"TEAM_ADMIN\"}}");
        // the same name in different objects is fine
        assertEquals(2, read(CreateThing.class,
                "{\"memberships\": [{\"team_id\": \"a\"}, {\"team_id\": \"b\"}], \"owner\": {\"team_id\": \"c\"}}")
                .memberships().size());
    }

    @Test
    void instantsAreRfc3339WithAnOffset() {
        assertEquals(Instant.parse("2027-01-31T23:59:59Z"), expiresAt("2027-01-31T23:59:59Z"));
        assertEquals(Instant.parse("2027-01-31T21:59:59Z"), expiresAt("2027-01-31T23:59:59+02:00"));
        assertEquals(Instant.parse("2027-02-01T04:29:59Z"), expiresAt("2027-01-31T23:59:59-04:30"));
        assertEquals(Instant.parse("2027-01-31T23:59:59.123456Z"), expiresAt("2027-01-31T23:59:59.123456Z"));
        assertEquals(Instant.parse("2027-01-31T23:59:59Z"), expiresAt("2027-01-31t23:59:59z"), "RFC 3339 allows lower case");
        for (String bad : List.of("2027-01-31T23:59:59", "2027-01-31", "2027-01-31 23:59:59", "31/01/2027",
                "2027-13-01T00:00:00Z", "2027-02-30T00:00:00Z", "tomorrow", "")) {
            assertInvalid("expires_at", "must be an RFC 3339 date-time with offset, e.g. 2027-01-31T23:59:59Z",
                    CreateThing.class, "{\"expires_at\": \"" + bad + "\"}");
        }
        assertInvalid("expires_at", "must be an RFC 3339 date-time with offset, e.g. 2027-01-31T23:59:59Z",
                CreateThing.class, "{\"expires_at\": 1800000000}");
    }

    @Test
    void readsOnlyOurRecords() {
        assertTrue(reader.isReadable(CreateThing.class, CreateThing.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(reader.isReadable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(reader.isReadable(Object.class, Object.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
    }

    private Instant expiresAt(String value) {
        return read(CreateThing.class, "{\"expires_at\": \"" + value + "\"}").expiresAt();
    }

    private void assertInvalid(String field, String message, Class<? extends Record> type, String body) {
        InvalidInput e = assertThrows(InvalidInput.class, () -> readRaw(type, body), body);
        assertEquals(field, e.field(), body);
        assertEquals(message, e.getMessage(), body);
        assertEquals(400, e.status());
    }

    private <R extends Record> R read(Class<R> type, String body) {
        return type.cast(readRaw(type, body));
    }

    private Record readRaw(Class<? extends Record> type, String body) {
        try {
            return reader.readFrom(cast(type), type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Record> cast(Class<? extends Record> type) {
        return (Class<Record>) type;
    }
}
