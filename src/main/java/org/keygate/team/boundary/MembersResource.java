package org.keygate.team.boundary;

import jakarta.inject.Inject;
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

import org.keygate.platform.boundary.Caller;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code /api/v1/members}: people, their roles and offboarding; {@code /api/v1/me} for the caller. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembersResource {

    @Inject
    Members members;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Path("members")
    public Response create(CreateMemberRequest request) {
        MemberView member = members.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(member.id()).build()).entity(member).build();
    }

    @GET
    @Path("members")
    public Page<MemberView> list(@QueryParam("team_id") String teamId, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return members.list(teamId, status, PageRequest.of(page, size));
    }

    @GET
    @Path("members/{id}")
    public MemberView get(@PathParam("id") String id) {
        return members.get(id);
    }

    @PATCH
    @Path("members/{id}")
    public MemberView update(@PathParam("id") String id, UpdateMemberRequest request) {
        return members.update(id, request);
    }

    @POST
    @Path("members/{id}/offboard")
    public OffboardView offboard(@PathParam("id") String id, OffboardRequest request) {
        return members.offboard(id, request);
    }

    @GET
    @Path("me")
    public MemberView me() {
        return members.get(caller.memberId());
    }
}
