-- Usage roll-ups (SPEC §5, §6): hourly and daily totals per key and model, maintained with every
-- usage batch in the same transaction, so dashboards and detectors never scan raw records.
-- A team's totals are the sum over its keys (team_id is carried on every row).

CREATE TABLE usage_hourly (
    key_id         VARCHAR(40)    NOT NULL,
    model          VARCHAR(200)   NOT NULL,
    hour_start     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    team_id        VARCHAR(40)    NOT NULL,
    requests       BIGINT         NOT NULL,
    errors         BIGINT         NOT NULL,
    input_tokens   BIGINT         NOT NULL,
    output_tokens  BIGINT         NOT NULL,
    cached_tokens  BIGINT         NOT NULL,
    cost_usd       DECIMAL(19, 6) NOT NULL,
    PRIMARY KEY (key_id, model, hour_start)
);
CREATE INDEX ix_usage_hourly_team ON usage_hourly (team_id, hour_start);
CREATE INDEX ix_usage_hourly_time ON usage_hourly (hour_start);

CREATE TABLE usage_daily (
    key_id         VARCHAR(40)    NOT NULL,
    model          VARCHAR(200)   NOT NULL,
    usage_day      DATE           NOT NULL,
    team_id        VARCHAR(40)    NOT NULL,
    requests       BIGINT         NOT NULL,
    errors         BIGINT         NOT NULL,
    input_tokens   BIGINT         NOT NULL,
    output_tokens  BIGINT         NOT NULL,
    cached_tokens  BIGINT         NOT NULL,
    cost_usd       DECIMAL(19, 6) NOT NULL,
    PRIMARY KEY (key_id, model, usage_day)
);
CREATE INDEX ix_usage_daily_team ON usage_daily (team_id, usage_day);
CREATE INDEX ix_usage_daily_day ON usage_daily (usage_day);

-- Every client address a key was used from, for the new-IP detector.
CREATE TABLE usage_key_ip (
    key_id      VARCHAR(40) NOT NULL,
    client_ip   VARCHAR(45) NOT NULL,
    first_seen  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    calls       BIGINT      NOT NULL,
    PRIMARY KEY (key_id, client_ip)
);
CREATE INDEX ix_usage_key_ip_first ON usage_key_ip (first_seen);
