-- Keygate schema, version 2: gateway usage metering (SPEC §5). Plain SQL for H2 2.x and PostgreSQL 13+.
-- One row per gateway call that could be attributed to a key (rejected calls too, with zero tokens).
-- No foreign key to api_key: usage history outlives a deleted key.

CREATE TABLE usage_record (
    request_id        VARCHAR(40)    NOT NULL PRIMARY KEY,
    key_id            VARCHAR(40)    NOT NULL,
    team_id           VARCHAR(40)    NOT NULL,
    model             VARCHAR(200),
    provider          VARCHAR(64),
    status            INTEGER        NOT NULL,
    error_code        VARCHAR(64),
    input_tokens      BIGINT         NOT NULL,
    output_tokens     BIGINT         NOT NULL,
    cached_tokens     BIGINT         NOT NULL,
    reasoning_tokens  BIGINT         NOT NULL,
    cost_usd          DECIMAL(19, 6) NOT NULL,
    latency_ms        INTEGER        NOT NULL,
    client_ip         VARCHAR(45),
    started_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_usage_key_time ON usage_record (key_id, started_at);
CREATE INDEX ix_usage_team_time ON usage_record (team_id, started_at);
