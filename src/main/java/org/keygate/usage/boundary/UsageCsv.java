package org.keygate.usage.boundary;

import java.util.List;

import org.keygate.platform.control.Csv;

/** The usage CSV exports, written once for the API ({@code format=csv}) and the key page's download link. */
public final class UsageCsv {

    private UsageCsv() {
    }

    public static String records(List<UsageRecordView> records) {
        Csv csv = Csv.withHeader("request_id", "key_id", "team_id", "model", "provider", "status", "error_code",
                "input_tokens", "output_tokens", "cached_tokens", "reasoning_tokens", "cost_usd", "latency_ms",
                "client_ip", "started_at");
        for (UsageRecordView r : records) {
            csv.row(r.requestId(), r.keyId(), r.teamId(), r.model(), r.provider(), r.status(), r.errorCode(),
                    r.inputTokens(), r.outputTokens(), r.cachedTokens(), r.reasoningTokens(), r.costUsd(), r.latencyMs(),
                    r.clientIp(), r.startedAt());
        }
        return csv.toString();
    }

    public static String aggregates(List<UsageQueries.Bucket> rows) {
        Csv csv = Csv.withHeader("bucket_start", "key_id", "model", "team_id", "requests", "errors", "input_tokens",
                "output_tokens", "cached_tokens", "cost_usd");
        for (UsageQueries.Bucket b : rows) {
            csv.row(b.bucketStart(), b.keyId(), b.model(), b.teamId(), b.requests(), b.errors(), b.inputTokens(),
                    b.outputTokens(), b.cachedTokens(), b.costUsd());
        }
        return csv.toString();
    }

    /** The file name a download of one key's records gets. */
    public static String fileName(String keyId) {
        return "usage-" + keyId.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv";
    }
}
