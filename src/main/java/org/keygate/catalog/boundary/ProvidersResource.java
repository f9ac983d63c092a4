package org.keygate.catalog.boundary;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/providers}: upstream endpoints; read by everyone signed in, changed by ORG_ADMIN. */
@Path("v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    Catalog catalog;

    @Context
    UriInfo uri;

    @POST
    public Response create(@NotNull @Valid CreateProviderRequest request) {
        ProviderView view = catalog.createProvider(request);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    @GET
    public Page<ProviderView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return catalog.listProviders(PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    public ProviderView get(@PathParam("id") String id) {
        return catalog.getProvider(id);
    }

    @PATCH
    @Path("{id}")
    public ProviderView update(@PathParam("id") String id, @NotNull @Valid UpdateProviderRequest request) {
        return catalog.updateProvider(id, request);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        catalog.deleteProvider(id);
        return Response.noContent().build();
    }
}
