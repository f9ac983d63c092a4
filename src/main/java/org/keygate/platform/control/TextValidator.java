package org.keygate.platform.control;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Text}; the message names the rule that failed, in the order the rules are listed there. */
public class TextValidator implements ConstraintValidator<Text, String> {

    private int max;
    private boolean required;
    private boolean allowBlank;
    private Pattern pattern;
    private String mismatch;

    @Override
    public void initialize(Text text) {
        max = text.max();
        required = text.required();
        allowBlank = text.allowBlank();
        pattern = text.pattern().isEmpty() ? null : Pattern.compile(text.pattern());
        mismatch = text.mismatch();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String problem = problem(value, max, required || (!allowBlank && value != null));
        if (problem == null && pattern != null && value != null && !value.isBlank()
                && !pattern.matcher(value.strip()).matches()) {
            problem = mismatch;
        }
        return problem == null || Violations.report(context, problem);
    }

    /**
     * What is wrong with the value as text of at most {@code max} characters, or null when it is
     * fine. For text that does not come in a request record (e.g. what an identity provider says).
     */
    public static String problem(String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? "is required" : null;
        }
        String text = value.strip();
        if (text.length() > max) {
            return "must be at most " + max + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return "must not contain control characters";
            }
        }
        return null;
    }
}
