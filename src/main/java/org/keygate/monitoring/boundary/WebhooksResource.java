package org.keygate.monitoring.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/webhooks/{id}}: stopping a webhook and reading its delivery status. */
@Path("v1/webhooks/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    @Inject
    Webhooks webhooks;

    @POST
    @Path("deactivate")
    public WebhookView deactivate(@PathParam("id") String id) {
        return webhooks.deactivate(id);
    }

    @GET
    @Path("deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return webhooks.deliveries(id, PageRequest.of(page, size));
    }
}
