package org.keygate.team.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keygate.access.boundary.Caller;

/**
 * {@code GET /api/v1/me}: the authenticated member, the first call a new API user makes, with the
 * org role in force and where it comes from ({@link MeView}).
 */
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Members members;

    @Inject
    Caller caller;

    @GET
    public MeView me() {
        return caller.isServiceClient() ? MeView.service(caller) : MeView.of(members.get(caller.memberId()), caller);
    }
}
