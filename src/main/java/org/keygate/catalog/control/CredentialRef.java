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
 * A provider's {@code credential_ref}: the name of the property that holds the upstream key, as
 * {@link CredentialRefs} defines names, and never something that looks like the key itself
 * ({@code sk-…}, {@code ck-…}). White space around it does not count; null or blank is none.
 */
@Documented
@Constraint(validatedBy = CredentialRefValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface CredentialRef {

    /** Unused: the validator says which rule failed. */
    String message() default "is not a credential reference";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
