package org.keygate.platform.boundary;

import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.KeygateException;
import org.keygate.platform.control.Secrets;
import org.keygate.platform.control.Violations;

/**
 * Turns every exception that leaves a resource into problem+json. Typed service errors keep their
 * status, code and field; a Bean Validation failure (from the resource's {@code @Valid} parameter
 * or a service's method validation, bare or wrapped by the EJB container) answers what the
 * hand-written check would have, see {@link Violations}; optimistic-lock and unique-index races become 409; a database that cannot be reached is a 503 {@code database_unavailable} with {@code Retry-After}; anything else is a
 * 500 with a generic detail and a correlation id that is logged with the stack trace, so clients
 * never see internals.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof KeygateException k) {
                return Problems.response(k.status(), k.code(), k.field(), k.getMessage(), null);
            }
            if (t instanceof ConstraintViolationException v && v.getConstraintViolations() != null
                    && !v.getConstraintViolations().isEmpty()
                    && !Violations.isReturnValue(v)) {
                InvalidInput first = Violations.first(v.getConstraintViolations());
                return Problems.response(first.status(), first.code(), first.field(), first.getMessage(), null);
            }
            if (t instanceof OptimisticLockException) {
                return Problems.response(409, "concurrent_modification", null,
                        "the target was changed by another request; read it again and retry", null);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return Problems.response(409, "conflict", null, "the request clashes with existing data", null);
            }
        }
        if (DatabaseOutage.causedBy(thrown)) {
            LOG.log(Level.WARNING, "the database is unreachable: " + Secrets.mask(String.valueOf(thrown)));
            return Response.fromResponse(Problems.response(503, "database_unavailable", null, OutageFilter.DETAIL, null))
                    .header("Retry-After", OutageFilter.RETRY_AFTER).build();
        }
        if (thrown instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status < 500) {
                return Problems.response(status, Problems.codeOf(status), null, Problems.title(status), null);
            }
        }
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unhandled error, correlation id " + id + ": " + Secrets.mask(String.valueOf(thrown)), thrown);
        return Problems.response(500, "internal_error", null,
                "an unexpected error occurred; quote correlation id " + id + " to your administrator", id);
    }
}
