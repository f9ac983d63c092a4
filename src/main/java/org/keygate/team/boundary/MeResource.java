package org.keygate.team.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keygate.access.boundary.Caller;

/** {@code GET /api/v1/me}: the authenticated member, the first call a new API user makes. */
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Members members;

    @Inject
    Caller caller;

    @GET
    public MemberView me() {
        return members.get(caller.memberId());
    }
}
