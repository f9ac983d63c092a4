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
    @Produces({MediaType.APPLICATION_JSON, UsageAggregatesResource.CSV})
    public Response list(@QueryParam("key_id") String keyId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder("request_id,key_id,team_id,model,provider,status,error_code,"
                    + "input_tokens,output_tokens,cached_tokens,reasoning_tokens,cost_usd,latency_ms,client_ip,started_at\r\n");
            for (UsageRecordView r : records.export(keyId, start, end)) {
                csv.append(Csv.cell(r.requestId())).append(',').append(Csv.cell(r.keyId())).append(',')
                        .append(Csv.cell(r.teamId())).append(',').append(Csv.cell(r.model())).append(',')
                        .append(Csv.cell(r.provider())).append(',').append(r.status()).append(',')
                        .append(Csv.cell(r.errorCode())).append(',').append(r.inputTokens()).append(',')
                        .append(r.outputTokens()).append(',').append(r.cachedTokens()).append(',')
                        .append(r.reasoningTokens()).append(',').append(r.costUsd().toPlainString()).append(',')
                        .append(r.latencyMs()).append(',').append(Csv.cell(r.clientIp())).append(',')
                        .append(r.startedAt()).append("\r\n");
            }
            return Response.ok(csv.toString(), UsageAggregatesResource.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"usage-" + keyId + ".csv\"").build();
        }
        if (format != null) {
            throw new InvalidInput("format", "must be csv or left out");
        }
        return Response.ok(records.ofKey(keyId, start, end, PageRequest.of(page, size)), MediaType.APPLICATION_JSON)
                .build();
    }
}
