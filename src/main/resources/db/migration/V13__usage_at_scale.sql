-- Keygate schema, version 13: reads that stay fast with millions of usage records
-- (bench/usage-history.sh, docs/usage-benchmark.md). Plain SQL for H2 2.x and PostgreSQL 13+.

-- 1. Each team's balance as one row, updated in the transaction of every ledger entry. The balance
-- used to be SUM(amount) over the ledger, and the usage writer adds a USAGE entry per team every
-- second it has billed calls: millions of rows a month, summed for every dashboard and team list.
-- The ledger stays the record of every change; this row is its running total.
CREATE TABLE team_balance (
    team_id  VARCHAR(40)    NOT NULL PRIMARY KEY REFERENCES team (id),
    balance  DECIMAL(19, 6) NOT NULL
);
INSERT INTO team_balance (team_id, balance)
SELECT t.id, COALESCE((SELECT SUM(l.amount) FROM ledger_entry l WHERE l.team_id = t.id), 0) FROM team t;

-- 2. A key's raw records, newest first, come straight off the index: the order of the records page
-- (started_at, then request_id, both descending) is now the index's, so page 1 of a key with a
-- million records reads 50 index entries instead of sorting all of them. Still the table's only
-- secondary index (V12); range reads on (key_id, started_at) use it as before.
DROP INDEX ix_usage_key_time;
CREATE INDEX ix_usage_key_time ON usage_record (key_id, started_at DESC, request_id DESC);
