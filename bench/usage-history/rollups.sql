-- The roll-ups of the loaded records, computed from them with the arithmetic of
-- org.keygate.usage.control.Rollups: UTC hour and UTC day buckets per key and model (a missing or
-- blank model counts as '-'), errors = status >= 400, cost summed exactly; every client address per
-- key with its first and last use. (Each key's last use is set by UsageLoad.java.)
SET TIME ZONE 'UTC';
INSERT INTO usage_hourly (key_id, model, hour_start, team_id, requests, errors, input_tokens, output_tokens,
        cached_tokens, cost_usd)
SELECT key_id, m, DATEADD(SECOND, h, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'), team_id,
       COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens),
       SUM(cached_tokens), SUM(cost_usd)
FROM (SELECT key_id, team_id, status, input_tokens, output_tokens, cached_tokens, cost_usd,
             CASE WHEN model IS NULL OR TRIM(model) = '' THEN '-' ELSE model END AS m,
             CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 3600) AS BIGINT) * 3600 AS h
      FROM usage_record) r
GROUP BY key_id, m, h, team_id;

INSERT INTO usage_daily (key_id, model, usage_day, team_id, requests, errors, input_tokens, output_tokens,
        cached_tokens, cost_usd)
SELECT key_id, model, DATEADD(DAY, day_no, DATE '1970-01-01'), team_id, SUM(requests), SUM(errors),
       SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(cost_usd)
FROM (SELECT h.*, CAST(FLOOR(EXTRACT(EPOCH FROM hour_start) / 86400) AS BIGINT) AS day_no FROM usage_hourly h) d
GROUP BY key_id, model, day_no, team_id;

INSERT INTO usage_key_ip (key_id, client_ip, first_seen, last_seen, calls)
SELECT key_id, client_ip, MIN(started_at), MAX(started_at), COUNT(*)
FROM usage_record WHERE client_ip IS NOT NULL AND TRIM(client_ip) <> ''
GROUP BY key_id, client_ip;
