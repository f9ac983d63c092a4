package org.keygate.team.control;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Working hours end after they start, on the same day; reported on {@code end}. Checked only when
 * both bounds are valid times ({@link TimeOfDay} reports the others).
 */
@Documented
@Constraint(validatedBy = EndAfterStartValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface EndAfterStart {

    String message() default "must be after working_hours.start";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
