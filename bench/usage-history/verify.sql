-- Checks after the load (bench/usage-history.sh fails unless every "mismatches" figure is 0):
-- totals agree across records and roll-ups, and for a sample of hourly and daily rows the roll-up
-- equals SUM over the raw records in that bucket, selected by time range only (not by the
-- expressions rollups.sql grouped by).
SET TIME ZONE 'UTC';
SELECT 'records', COUNT(*), SUM(cost_usd) FROM usage_record;
SELECT 'hourly', SUM(requests), SUM(cost_usd) FROM usage_hourly;
SELECT 'daily', SUM(requests), SUM(cost_usd) FROM usage_daily;
SELECT 'total mismatches', (SELECT COUNT(*) FROM usage_record) - (SELECT SUM(requests) FROM usage_hourly)
     + ABS((SELECT SUM(requests) FROM usage_daily) - (SELECT SUM(requests) FROM usage_hourly))
     + ABS((SELECT SUM(cost_usd) FROM usage_record) - (SELECT SUM(cost_usd) FROM usage_hourly))
     + ABS((SELECT SUM(cost_usd) FROM usage_daily) - (SELECT SUM(cost_usd) FROM usage_hourly))
     + ABS((SELECT COUNT(*) FROM usage_record WHERE client_ip IS NOT NULL) - (SELECT SUM(calls) FROM usage_key_ip));
SELECT 'hourly sample', COUNT(*),
       SUM(CASE WHEN (h.requests, h.errors, h.input_tokens, h.output_tokens, h.cached_tokens, h.cost_usd) = (
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN u.status >= 400 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(u.input_tokens), 0), COALESCE(SUM(u.output_tokens), 0),
                       COALESCE(SUM(u.cached_tokens), 0), COALESCE(SUM(u.cost_usd), 0)
                FROM usage_record u
                WHERE u.key_id = h.key_id AND COALESCE(u.model, '-') = h.model
                  AND u.started_at >= h.hour_start AND u.started_at < DATEADD(HOUR, 1, h.hour_start))
           THEN 0 ELSE 1 END) AS mismatches
FROM (SELECT * FROM usage_hourly WHERE ORA_HASH(key_id || model || hour_start, 999, 1) < 2 LIMIT 300) h;
SELECT 'daily sample', COUNT(*),
       SUM(CASE WHEN (d.requests, d.errors, d.input_tokens, d.output_tokens, d.cached_tokens, d.cost_usd) = (
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN u.status >= 400 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(u.input_tokens), 0), COALESCE(SUM(u.output_tokens), 0),
                       COALESCE(SUM(u.cached_tokens), 0), COALESCE(SUM(u.cost_usd), 0)
                FROM usage_record u
                WHERE u.key_id = d.key_id AND COALESCE(u.model, '-') = d.model
                  AND u.started_at >= CAST(d.usage_day AS TIMESTAMP WITH TIME ZONE)
                  AND u.started_at < CAST(DATEADD(DAY, 1, d.usage_day) AS TIMESTAMP WITH TIME ZONE))
           THEN 0 ELSE 1 END) AS mismatches
FROM (SELECT * FROM usage_daily WHERE ORA_HASH(key_id || model || usage_day, 999, 2) < 20 LIMIT 60) d;
SELECT 'ledger USAGE entries', COUNT(*), SUM(amount) FROM ledger_entry WHERE kind = 'USAGE';
