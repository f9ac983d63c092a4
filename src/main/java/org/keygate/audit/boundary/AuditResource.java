package org.keygate.audit.boundary;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.boundary.QueryParams;

/** {@code /api/v1/audit}: the audit log, newest first, and its chain verification. Read-only by design. */
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditQueries audit;

    @GET
    public Page<AuditEntryView> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target_type") String targetType, @QueryParam("target_id") String targetId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return audit.list(actor, action, targetType, targetId, QueryParams.instant("from", from), QueryParams.instant("to", to),
                PageRequest.of(page, size));
    }

    @GET
    @Path("verify")
    public ChainVerification verify() {
        return audit.verify();
    }
}
