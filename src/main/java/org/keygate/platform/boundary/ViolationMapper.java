package org.keygate.platform.boundary;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures of resource parameters, as problem+json like every other error. Needed
 * beside {@link ProblemMapper}: Jersey (Payara) and RESTEasy (WildFly) bring mappers for
 * {@code ValidationException} with their own bodies, which are nearer to the exception than
 * {@code Throwable}; one for {@code ConstraintViolationException} is nearer still (RESTEasy throws a
 * subclass of it).
 */
@Provider
public class ViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    private final ProblemMapper problems = new ProblemMapper();

    @Override
    public Response toResponse(ConstraintViolationException thrown) {
        return problems.toResponse(thrown);
    }
}
