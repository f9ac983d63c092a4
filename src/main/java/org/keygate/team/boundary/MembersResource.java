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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/members}: people, their roles and offboarding. */
@Path("v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembersResource {

    @Inject
    Members members;

    @Context
    UriInfo uri;

    @POST
    public Response create(@NotNull @Valid CreateMemberRequest request) {
        MemberView member = members.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(member.id()).build()).entity(member).build();
    }

    @GET
    public Page<MemberView> list(@QueryParam("team_id") String teamId, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return members.list(teamId, status, PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    public MemberView get(@PathParam("id") String id) {
        return members.get(id);
    }

    @PATCH
    @Path("{id}")
    public MemberView update(@PathParam("id") String id, @NotNull @Valid UpdateMemberRequest request) {
        return members.update(id, request);
    }

    @POST
    @Path("{id}/offboard")
    public OffboardView offboard(@PathParam("id") String id, @NotNull @Valid OffboardRequest request) {
        return members.offboard(id, request);
    }
}
