package org.keygate.platform.control;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.validation.ConstraintViolationException;

/**
 * Turns the method validation of a service (Bean Validation's CDI interceptor, which both servers
 * run on EJB business methods too) into the {@link InvalidInput} the service's own checks throw:
 * the first field and its message ({@link Violations#first}). So every caller — the API, the pages,
 * other services — gets the typed exception it always got, and the EJB container treats it as the
 * application exception it is (rolled back, not logged as a failure, not wrapped in an
 * EJBException), which a bare {@code ConstraintViolationException} is not. Runs outside the
 * validation interceptor (priority {@code PLATFORM_AFTER + 800}, Bean Validation 3.0 §10.1.2).
 */
@ReportsInvalidInput
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class InvalidInputInterceptor {

    @AroundInvoke
    public Object report(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (ConstraintViolationException e) {
            if (e.getConstraintViolations() == null || e.getConstraintViolations().isEmpty() || Violations.isReturnValue(e)) {
                throw e;
            }
            throw Violations.first(e.getConstraintViolations());
        }
    }
}
