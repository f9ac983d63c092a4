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

/**
 * {@code /api/v1/models}: the model catalogue with prices; read by everyone signed in, changed by
 * ORG_ADMIN. Model ids contain one slash ({@code openai/gpt-4o-mini}), so the path takes two segments.
 */
@Path("v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    Catalog catalog;

    @Context
    UriInfo uri;

    @POST
    public Response create(@NotNull @Valid CreateModelRequest request) {
        ModelView view = catalog.createModel(request);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    @GET
    public Page<ModelView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return catalog.listModels(PageRequest.of(page, size));
    }

    @GET
    @Path("{id: [^/]+/[^/]+}")
    public ModelView get(@PathParam("id") String id) {
        return catalog.getModel(id);
    }

    @PATCH
    @Path("{id: [^/]+/[^/]+}")
    public ModelView update(@PathParam("id") String id, @NotNull @Valid UpdateModelRequest request) {
        return catalog.updateModel(id, request);
    }

    @DELETE
    @Path("{id: [^/]+/[^/]+}")
    public Response delete(@PathParam("id") String id) {
        catalog.deleteModel(id);
        return Response.noContent().build();
    }
}
