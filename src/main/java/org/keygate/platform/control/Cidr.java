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
 * An IPv4 or IPv6 address or CIDR block as {@link IpRange#parse} accepts it; the message quotes the
 * entry and says what is wrong with it ({@code '10.0.0.300/8' is not an IP address…}). Null is valid.
 */
@Documented
@Constraint(validatedBy = CidrValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Cidr {

    /** Unused: the validator quotes the entry and IpRange's reason. */
    String message() default "is not an IP address or CIDR block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
