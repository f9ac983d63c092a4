package org.keygate.catalog.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.keygate.platform.control.Violations;

/** Checks {@link CredentialRef}: first the name's grammar, then that it is no secret. */
public class CredentialRefValidator implements ConstraintValidator<CredentialRef, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String ref = value.strip();
        if (!CredentialRefs.isValid(ref)) {
            return Violations.report(context, "must name a configuration property or environment variable "
                    + "(letters, digits, '.', '_', '-'), e.g. OPENAI_API_KEY; never the secret itself");
        }
        if (ref.startsWith("ck-") || ref.startsWith("sk-")) {
            return Violations.report(context, "looks like a secret; give the name of the property that holds it");
        }
        return true;
    }
}
