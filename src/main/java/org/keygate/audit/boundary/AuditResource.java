package org.keygate.audit.boundary;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.boundary.QueryParams;
import org.keygate.platform.control.Csv;
import org.keygate.platform.control.InvalidInput;

/**
 * {@code /api/v1/audit}: the audit log, newest first, and its chain verification. Read-only by
 * design. {@code format=csv} answers every entry the filter selects (not one page) as CSV.
 */
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditQueries audit;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target_type") String targetType, @QueryParam("target_id") String targetId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size, @QueryParam("format") String format) {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if ("csv".equals(format)) {
            return Response.ok(AuditCsv.entries(audit.export(actor, action, targetType, targetId, start, end)),
                    Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + AuditCsv.FILE_NAME + "\"").build();
        }
        if (format != null) {
            throw new InvalidInput("format", "must be csv or left out");
        }
        return Response.ok(audit.list(actor, action, targetType, targetId, start, end, PageRequest.of(page, size)),
                MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("verify")
    public ChainVerification verify() {
        return audit.verify();
    }
}
