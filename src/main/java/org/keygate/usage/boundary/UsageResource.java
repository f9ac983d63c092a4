package org.keygate.usage.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/** {@code GET /api/v1/usage/records?key_id=…}: the raw records of one key, paginated, newest first. */
@Path("v1/usage/records")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageRecords records;

    @GET
    public Page<UsageRecordView> list(@QueryParam("key_id") String keyId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return records.ofKey(keyId, PageRequest.of(page, size));
    }
}
