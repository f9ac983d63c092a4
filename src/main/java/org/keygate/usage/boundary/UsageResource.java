package org.keygate.usage.boundary;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.boundary.QueryParams;
import org.keygate.platform.control.Csv;
import org.keygate.platform.control.InvalidInput;

/**
 * {@code GET /api/v1/usage/records?key_id=…&from=…&to=…}: the raw records of one key, newest first,
 * paginated — or all of the window as CSV with {@code format=csv} (an incident's evidence).
 */
@Path("v1/usage/records")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageRecords records;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response list(@QueryParam("key_id") String keyId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if ("csv".equals(format)) {
            return Response.ok(UsageCsv.records(records.export(keyId, start, end)), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + UsageCsv.fileName(keyId) + "\"").build();
        }
        if (format != null) {
            throw new InvalidInput("format", "must be csv or left out");
        }
        return Response.ok(records.ofKey(keyId, start, end, PageRequest.of(page, size)), MediaType.APPLICATION_JSON)
                .build();
    }
}
