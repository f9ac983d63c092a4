-- Keygate schema, version 12: usage_record keeps one secondary index (key_id, started_at).
-- Every index is paid for on each of thousands of inserts a second; nothing reads raw records by
-- team (team views read the roll-up tables of V11). Plain SQL for H2 2.x and PostgreSQL 13+.
DROP INDEX ix_usage_team_time;
