package org.keygate.monitoring.boundary;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/teams/{id}/alert-policy}: whether a critical alert deactivates the key at once. */
@Path("v1/teams/{teamId}/alert-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamAlertPolicyResource {

    @Inject
    Alerts alerts;

    @GET
    public Map<String, Object> get(@PathParam("teamId") String teamId) {
        return Map.of("team_id", teamId, "deactivate_on_critical", alerts.deactivateOnCritical(teamId));
    }

    @PUT
    public Map<String, Object> set(@PathParam("teamId") String teamId, @NotNull @Valid AlertPolicyRequest request) {
        return Map.of("team_id", teamId, "deactivate_on_critical", alerts.setDeactivateOnCritical(teamId, request));
    }
}
