package org.keygate.catalog.control;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An {@code allowed_models} entry: a catalogue id or a prefix ending in {@code *}, as
 * {@link ModelPatterns} defines them (white space around it does not count). Null is valid.
 * Whether an exact id is in the catalogue is the key service's check: it depends on the database.
 */
@Documented
@Constraint(validatedBy = ModelPatternValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface ModelPattern {

    String message() default "must be a model id like anthropic/claude-sonnet-4-6 or a prefix like anthropic/*";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
