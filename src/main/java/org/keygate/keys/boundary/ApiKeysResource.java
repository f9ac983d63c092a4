package org.keygate.keys.boundary;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import org.keygate.keys.control.Idempotency;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/**
 * {@code /api/v1/keys}. Create and rotate answer the plaintext {@code key} once; a retry with the
 * same {@code Idempotency-Key} answers the same key's metadata without it and with
 * {@code Idempotent-Replayed: true}.
 */
@Path("v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    static final String IDEMPOTENCY_KEY = Idempotency.HEADER;

    @Inject
    ApiKeys keys;

    @Context
    UriInfo uri;

    @POST
    public Response create(@NotNull @Valid CreateKeyRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        MintedKey minted;
        try {
            minted = keys.create(request, idempotencyKey);
        } catch (EJBException | PersistenceException e) {
            minted = keys.replayAfterRace("create", idempotencyKey, request).orElseThrow(() -> e);
        }
        return created(minted);
    }

    @GET
    public Page<KeyView> list(@QueryParam("team_id") String teamId, @QueryParam("owner_id") String ownerId,
            @QueryParam("group") String group, @QueryParam("project") String project,
            @QueryParam("status") String status, @QueryParam("rotation_due") String rotationDue,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("size") String size) {
        return keys.list(new KeyCriteria(teamId, ownerId, group, project, status, rotationDue), sort,
                PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    public KeyView get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @PATCH
    @Path("{id}")
    public KeyView update(@PathParam("id") String id, @NotNull @Valid UpdateKeyRequest request) {
        return keys.update(id, request);
    }

    @POST
    @Path("{id}/deactivate")
    public KeyView deactivate(@PathParam("id") String id, @NotNull @Valid DeactivateKeyRequest request) {
        return keys.deactivate(id, request);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        keys.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") String id, @NotNull @Valid RotateKeyRequest request,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        MintedKey minted;
        try {
            minted = keys.rotate(id, request, idempotencyKey);
        } catch (EJBException | PersistenceException e) {
            minted = keys.replayAfterRace("rotate:" + id, idempotencyKey, request).orElseThrow(() -> e);
        }
        return created(minted);
    }

    @POST
    @Path("{id}/finish-rotation")
    public KeyView finishRotation(@PathParam("id") String id) {
        return keys.finishRotation(id);
    }

    private Response created(MintedKey minted) {
        JsonObject view;
        try (var reader = Json.createReader(new java.io.StringReader(
                org.keygate.platform.control.Json.write(minted.view())))) {
            view = reader.readObject();
        }
        var body = Json.createObjectBuilder(view);
        if (minted.key() != null) {
            body.add("key", minted.key());
        }
        Response.ResponseBuilder response = Response.created(
                uri.getBaseUriBuilder().path("v1/keys").path(minted.view().id()).build())
                .type(MediaType.APPLICATION_JSON).entity(body.build().toString());
        if (minted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
