package org.keygate.platform.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Cidr} with {@link IpRange#parse}, which never resolves a host name. */
public class CidrValidator implements ConstraintValidator<Cidr, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            IpRange.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return Violations.report(context, "'" + value + "' " + e.getMessage());
        }
    }
}
