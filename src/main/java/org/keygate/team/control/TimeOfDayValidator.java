package org.keygate.team.control;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link TimeOfDay}: two digits, a colon, two digits, and a real time (not {@code 25:00}). */
public class TimeOfDayValidator implements ConstraintValidator<TimeOfDay, String> {

    static final String MESSAGE = "must be a time HH:mm";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || parse(value) != null;
    }

    /** The time, or null when the text is not one. */
    public static LocalTime parse(String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
