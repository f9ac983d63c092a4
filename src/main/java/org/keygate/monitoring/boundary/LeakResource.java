package org.keygate.monitoring.boundary;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/keys/revoke-leaked}, for secret scanners and incident responders. */
@Path("v1/keys/revoke-leaked")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeakResource {

    @Inject
    LeakResponse leaks;

    @POST
    public RevokedView revoke(@NotNull @Valid RevokeLeakedRequest request) {
        return leaks.revoke(request);
    }
}
