package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keygate.platform.control.Validate.invalid;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;

/** How violations become the API's one field and message. */
class ViolationsTest {

    public record Entry(@NotNull(message = "is not a known team") String teamId, @Text(max = 6) String role) {
    }

    public record Hours(@Text(max = 5) String start) {
    }

    public record Request(@Text(max = 10, required = true) String name,
            @Size(max = 2, message = "must have at most 2 entries") List<@NotNull(message = "must not be null") @Cidr String> ipWhitelist,
            List<@NotNull(message = "must not be null") @Valid Entry> memberships,
            @Valid Hours workingHours,
            Optional<@Text(max = 3, required = true) String> oldKeyExpiresIn) {
    }

    private static Request ok() {
        return new Request("ok", List.of("::1"), List.of(new Entry("t", "MEMBER")), new Hours("08:00"), null);
    }

    @Test
    void fieldsAreJsonNamesWithIndexesAndDots() {
        invalid("ip_whitelist[1]", "'x' is not an IP address or CIDR block",
                new Request("ok", List.of("::1", "x"), List.of(), null, null));
        invalid("ip_whitelist[0]", "must not be null", new Request("ok", java.util.Arrays.asList((String) null), null, null, null));
        invalid("memberships[1].team_id", "is not a known team",
                new Request("ok", null, List.of(new Entry("t", null), new Entry(null, null)), null, null));
        invalid("memberships[0]", "must not be null", new Request("ok", null, java.util.Arrays.asList((Entry) null), null, null));
        invalid("working_hours.start", "must be at most 5 characters", new Request("ok", null, null, new Hours("08:00:00"), null));
        invalid("old_key_expires_in", "is required", new Request("ok", null, null, null, Optional.empty()));
    }

    @Test
    void theFirstFieldInDeclarationOrderIsReported() {
        Request many = new Request(" ", List.of("x", "y", "z"), List.of(new Entry(null, "TOOLONG")), new Hours("123456"),
                Optional.of("1234"));
        invalid("name", "is required", many);
        invalid("ip_whitelist", "must have at most 2 entries",
                new Request("ok", List.of("x", "y", "z"), List.of(new Entry(null, "TOOLONG")), null, null));
        invalid("ip_whitelist[0]", "'x' is not an IP address or CIDR block",
                new Request("ok", List.of("x", "y"), List.of(new Entry(null, "TOOLONG")), null, null));
        invalid("memberships[0].team_id", "is not a known team",
                new Request("ok", null, List.of(new Entry(null, "TOOLONG")), new Hours("123456"), null));
        invalid("memberships[0].role", "must be at most 6 characters",
                new Request("ok", null, List.of(new Entry("t", "TOOLONG")), new Hours("123456"), null));
        invalid("working_hours.start", "must be at most 5 characters",
                new Request("ok", null, null, new Hours("123456"), Optional.of("1234")));
        Validate.valid(ok());
    }

    /** A service method's parameter: the method and parameter do not appear in the field. */
    public static class Service {
        public void create(@NotNull @Valid Request request, String other) {
        }
    }

    @Test
    void methodValidationNamesTheFieldInTheParameter() throws Exception {
        Method create = Service.class.getMethod("create", Request.class, String.class);
        Set<ConstraintViolation<Service>> violations = Validate.VALIDATOR.forExecutables().validateParameters(new Service(),
                create, new Object[] {new Request("ok", List.of("1.2.3.4", "y"), null, null, null), null});
        InvalidInput first = Violations.first(violations);
        assertEquals("ip_whitelist[1]", first.field());
        violations = Validate.VALIDATOR.forExecutables().validateParameters(new Service(), create, new Object[] {null, null});
        assertEquals(null, Violations.first(violations).field(), "the whole request is missing");
        assertEquals("must not be null", Violations.first(violations).getMessage());
    }

    @Test
    void theFailureIsFoundWhereverTheContainerWrappedIt() {
        ConstraintViolationException failure = new ConstraintViolationException(Validate.VALIDATOR.validate(
                new Request(null, null, null, null, null)));
        assertSame(failure, Violations.find(failure).orElseThrow());
        assertSame(failure, Violations.find(new EJBException(failure)).orElseThrow());
        assertSame(failure, Violations.find(new EJBException(new RuntimeException(failure))).orElseThrow());
        assertFalse(Violations.find(new EJBException("other")).isPresent());
        assertFalse(Violations.find(new ConstraintViolationException(Set.of())).isPresent());
        assertFalse(Violations.isReturnValue(failure));
    }

    @Test
    void literalTemplatesEscapeTheirSpecialCharacters() {
        assertEquals("a \\{b\\} \\$\\{c\\} \\\\d", Violations.literal("a {b} ${c} \\d"));
        assertTrue(Violations.literal("plain").equals("plain"));
    }
}
