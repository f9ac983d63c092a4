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

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A line of text as Keygate stores it: white space around it does not count, at most {@link #max()}
 * characters remain, no control characters (they would garble logs, CSV exports and the pages) and,
 * when {@link #pattern()} is given, the stripped text matches it. A blank value counts as not given —
 * or, when {@link #required()}, as missing ("is required"). One constraint for all of it, so a value
 * breaking several rules is reported by the first, as the services always did. Store
 * {@link Input#text(String)} of a valid value.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Text {

    /** The most characters the stripped text may have. */
    int max();

    /** Whether null or blank is refused with "is required". */
    boolean required() default false;

    /** Whether a blank value counts as not given; false refuses it with "is required" (null stays valid). */
    boolean allowBlank() default true;

    /** A regular expression the whole stripped text must match; empty for none. */
    String pattern() default "";

    /** What a text that does not match {@link #pattern()} is told. */
    String mismatch() default "is not valid";

    /** Unused: the validator reports which rule failed ("is required", "must be at most …", …). */
    String message() default "is not valid text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
