package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/**
 * Bean Validation for unit tests, as the servers run it (Hibernate Validator with an EL message
 * interpolator), answering what the API would: the {@link InvalidInput} of {@link Violations#first}.
 */
public final class Validate {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    public static final Validator VALIDATOR = FACTORY.getValidator();

    private Validate() {
    }

    /** What the API answers for the request, or null when it is valid. */
    public static InvalidInput problem(Object request) {
        var violations = VALIDATOR.validate(request);
        return violations.isEmpty() ? null : Violations.first(violations);
    }

    public static void valid(Object request) {
        InvalidInput problem = problem(request);
        assertNull(problem, () -> problem.field() + ": " + problem.getMessage());
    }

    public static void invalid(String field, String message, Object request) {
        InvalidInput problem = problem(request);
        assertNotNull(problem, () -> "valid: " + request);
        assertEquals(field, problem.field(), () -> problem.field() + ": " + problem.getMessage() + " for " + request);
        assertEquals(message, problem.getMessage(), () -> "for " + request);
        assertEquals(400, problem.status());
        assertEquals("invalid_input", problem.code());
    }
}
