package org.keygate.usage.boundary;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

import org.keygate.platform.boundary.QueryParams;
import org.keygate.platform.control.Csv;
import org.keygate.platform.control.InvalidInput;

/**
 * {@code GET /api/v1/usage/aggregates?group_by=key|model|team&granularity=hour|day&from=&to=}
 * (optionally {@code team_id}, {@code key_id}); {@code format=csv} answers the same rows as CSV.
 */
@Path("v1/usage/aggregates")
public class UsageAggregatesResource {

    @Inject
    UsageQueries usage;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response aggregate(@QueryParam("group_by") String groupBy, @QueryParam("granularity") String granularity,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("team_id") String teamId,
            @QueryParam("key_id") String keyId, @QueryParam("format") String format, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size); // checked before the query runs
        List<UsageQueries.Bucket> rows = usage.aggregate(groupBy, granularity, QueryParams.instant("from", from),
                QueryParams.instant("to", to),
                teamId, keyId);
        if ("csv".equals(format)) {
            return Response.ok(UsageCsv.aggregates(rows), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"usage-aggregates.csv\"").build();
        }
        if (format != null) {
            throw new InvalidInput("format", "must be csv or left out");
        }
        return Response.ok(Page.of(rows, request), MediaType.APPLICATION_JSON).build();
    }
}
