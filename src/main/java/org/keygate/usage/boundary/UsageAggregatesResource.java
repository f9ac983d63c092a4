package org.keygate.usage.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keygate.platform.boundary.QueryParams;
import org.keygate.platform.control.InvalidInput;

/**
 * {@code GET /api/v1/usage/aggregates?group_by=key|model|team&granularity=hour|day&from=&to=}
 * (optionally {@code team_id}, {@code key_id}); {@code format=csv} answers the same rows as CSV.
 */
@Path("v1/usage/aggregates")
public class UsageAggregatesResource {

    static final String CSV = "text/csv";

    @Inject
    UsageQueries usage;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response aggregate(@QueryParam("group_by") String groupBy, @QueryParam("granularity") String granularity,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("team_id") String teamId,
            @QueryParam("key_id") String keyId, @QueryParam("format") String format) {
        List<UsageQueries.Bucket> rows = usage.aggregate(groupBy, granularity, QueryParams.instant("from", from),
                QueryParams.instant("to", to),
                teamId, keyId);
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder("bucket_start,key_id,model,team_id,requests,errors,input_tokens,"
                    + "output_tokens,cached_tokens,cost_usd\r\n");
            for (UsageQueries.Bucket b : rows) {
                csv.append(b.bucketStart()).append(',').append(Csv.cell(b.keyId())).append(',')
                        .append(Csv.cell(b.model())).append(',').append(Csv.cell(b.teamId())).append(',')
                        .append(b.requests()).append(',').append(b.errors()).append(',').append(b.inputTokens())
                        .append(',').append(b.outputTokens()).append(',').append(b.cachedTokens()).append(',')
                        .append(b.costUsd().toPlainString()).append("\r\n");
            }
            return Response.ok(csv.toString(), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"usage-aggregates.csv\"").build();
        }
        if (format != null) {
            throw new InvalidInput("format", "must be csv or left out");
        }
        return Response.ok(java.util.Map.of("items", rows), MediaType.APPLICATION_JSON).build();
    }
}
