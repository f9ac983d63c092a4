package org.keygate.platform.control;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Money}; the message names the first rule that failed. */
public class MoneyValidator implements ConstraintValidator<Money, BigDecimal> {

    private Money.Sign sign;

    @Override
    public void initialize(Money money) {
        sign = money.sign();
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        String problem = problem(value, sign);
        return problem == null || Violations.report(context, problem);
    }

    static String problem(BigDecimal value, Money.Sign sign) {
        if (value == null) {
            return null;
        }
        if (sign == Money.Sign.POSITIVE && value.signum() <= 0) {
            return "must be greater than 0";
        }
        if (value.stripTrailingZeros().scale() > 6) {
            return "must have at most 6 decimal places";
        }
        if (value.abs().compareTo(Money.MAX) > 0) {
            return "must be at most " + Money.MAX.toPlainString() + " in magnitude";
        }
        if (sign == Money.Sign.NOT_NEGATIVE && value.signum() < 0) {
            return "must not be negative";
        }
        if (sign == Money.Sign.NOT_ZERO && value.signum() == 0) {
            return "must not be 0";
        }
        return null;
    }
}
