package org.keygate.platform.control;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An amount of US dollars as Keygate keeps it: exact to the micro-dollar (at most 6 decimal
 * places; trailing zeros are not precision), at most {@link #MAX} in magnitude, and of the sign
 * {@link #sign()} asks for. Null is valid (combine with {@code @NotNull} where it is required);
 * store {@link Input#money(BigDecimal)} of a valid value.
 */
@Documented
@Constraint(validatedBy = MoneyValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Money {

    /** The largest amount Keygate accepts in one field: one billion USD. */
    BigDecimal MAX = new BigDecimal("1000000000");

    Sign sign() default Sign.ANY;

    /** Unused: the validator reports which rule failed. */
    String message() default "is not a valid amount";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Which amounts make sense in the field. */
    enum Sign {
        /** Either sign, zero included. */
        ANY,
        /** Greater than 0 (a limit); checked before the precision, "must be greater than 0". */
        POSITIVE,
        /** 0 or more (a price), "must not be negative". */
        NOT_NEGATIVE,
        /** Anything but 0 (a ledger entry), "must not be 0". */
        NOT_ZERO
    }
}
