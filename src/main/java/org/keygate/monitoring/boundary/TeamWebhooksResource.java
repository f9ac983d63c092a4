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
import jakarta.ws.rs.core.Response;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/**
 * {@code /api/v1/teams/{id}/webhooks}. Its own class with the full path: JAX-RS picks one class per
 * request, and a longer literal path is what lets this one win over {@code TeamsResource}.
 */
@Path("v1/teams/{teamId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamWebhooksResource {

    @Inject
    Webhooks webhooks;

    @POST
    public Response create(@PathParam("teamId") String teamId, @NotNull @Valid CreateWebhookRequest request) {
        return Response.status(Response.Status.CREATED).entity(webhooks.create(teamId, request)).build();
    }

    @GET
    public Page<WebhookView> list(@PathParam("teamId") String teamId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return Page.of(webhooks.list(teamId), PageRequest.of(page, size));
    }
}
