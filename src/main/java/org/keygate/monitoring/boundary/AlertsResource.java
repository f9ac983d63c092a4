package org.keygate.monitoring.boundary;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/alerts}: alerts the caller may see, newest first, and acknowledging them (docs/alerts.md). */
@Path("v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    Alerts alerts;

    @GET
    public Page<AlertView> list(@QueryParam("state") String state, @QueryParam("team_id") String teamId,
            @QueryParam("key_id") String keyId, @QueryParam("severity") String severity,
            @QueryParam("detector") String detector, @QueryParam("page") String page, @QueryParam("size") String size) {
        return alerts.list(state, teamId, keyId, severity, detector, PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    public AlertView get(@PathParam("id") String id) {
        return alerts.get(id);
    }

    @GET
    @Path("{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return Page.of(alerts.deliveries(id), PageRequest.of(page, size));
    }

    @POST
    @Path("{id}/acknowledge")
    public AlertView acknowledge(@PathParam("id") String id, @NotNull @Valid AcknowledgeRequest request) {
        return alerts.acknowledge(id, request);
    }
}
