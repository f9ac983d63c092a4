package org.keygate.team.boundary;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/teams}: teams, their settings and their balance ledger. */
@Path("v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamsResource {

    @Inject
    Teams teams;

    @Context
    UriInfo uri;

    @POST
    public Response create(@NotNull @Valid CreateTeamRequest request) {
        TeamView team = teams.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(team.id()).build()).entity(team).build();
    }

    @GET
    public Page<TeamView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return teams.list(PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    public TeamView get(@PathParam("id") String id) {
        return teams.get(id);
    }

    @PATCH
    @Path("{id}")
    public TeamView update(@PathParam("id") String id, @NotNull @Valid UpdateTeamRequest request) {
        return teams.update(id, request);
    }

    @POST
    @Path("{id}/ledger")
    public Response addLedgerEntry(@PathParam("id") String id, @NotNull @Valid LedgerRequest request) {
        return Response.status(Response.Status.CREATED).entity(teams.addLedgerEntry(id, request)).build();
    }

    @GET
    @Path("{id}/ledger")
    public Page<LedgerEntryView> ledger(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return teams.ledger(id, PageRequest.of(page, size));
    }
}
