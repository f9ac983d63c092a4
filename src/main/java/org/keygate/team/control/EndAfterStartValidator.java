package org.keygate.team.control;

import java.time.LocalTime;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.keygate.platform.control.Violations;

/** Checks {@link EndAfterStart} on anything that has working hours' {@code start} and {@code end}. */
public class EndAfterStartValidator implements ConstraintValidator<EndAfterStart, EndAfterStartValidator.Bounds> {

    /** What the constraint needs to see: the two bounds as given. */
    public interface Bounds {
        String start();

        String end();
    }

    private String message;

    @Override
    public void initialize(EndAfterStart constraint) {
        message = constraint.message();
    }

    @Override
    public boolean isValid(Bounds hours, ConstraintValidatorContext context) {
        if (hours == null) {
            return true;
        }
        LocalTime start = TimeOfDayValidator.parse(hours.start());
        LocalTime end = TimeOfDayValidator.parse(hours.end());
        return start == null || end == null || start.isBefore(end) || Violations.report(context, "end", message);
    }
}
