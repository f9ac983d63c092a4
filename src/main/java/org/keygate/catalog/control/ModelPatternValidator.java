package org.keygate.catalog.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ModelPattern}. */
public class ModelPatternValidator implements ConstraintValidator<ModelPattern, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String p = value.strip();
        return ModelPatterns.isPrefixPattern(p) || ModelPatterns.isModelId(p);
    }
}
