-- Monitoring (SPEC §6): alerts raised once per anomaly, per-team webhooks and their deliveries,
-- and the per-team policy to deactivate a key on a critical alert.

CREATE TABLE alert (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    key_id           VARCHAR(40)   NOT NULL,
    team_id          VARCHAR(40)   NOT NULL,
    detector         VARCHAR(40)   NOT NULL,
    severity         VARCHAR(16)   NOT NULL,
    summary          VARCHAR(500)  NOT NULL,
    evidence         VARCHAR(8000) NOT NULL,
    fingerprint      VARCHAR(400)  NOT NULL,
    action_taken     VARCHAR(200),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    acknowledged_at  TIMESTAMP(6) WITH TIME ZONE,
    acknowledged_by  VARCHAR(200),
    version          BIGINT        NOT NULL
);
CREATE UNIQUE INDEX ux_alert_fingerprint ON alert (fingerprint);
CREATE INDEX ix_alert_team ON alert (team_id, created_at);
CREATE INDEX ix_alert_key ON alert (key_id, created_at);

CREATE TABLE alert_policy (
    team_id                  VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES team (id),
    deactivate_on_critical   BOOLEAN     NOT NULL,
    version                  BIGINT      NOT NULL
);

CREATE TABLE webhook (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    team_id       VARCHAR(40)   NOT NULL REFERENCES team (id),
    url           VARCHAR(2000) NOT NULL,
    secret        VARCHAR(100)  NOT NULL,
    min_severity  VARCHAR(16)   NOT NULL,
    active        BOOLEAN       NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    version       BIGINT        NOT NULL
);
CREATE INDEX ix_webhook_team ON webhook (team_id);

CREATE TABLE webhook_delivery (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    webhook_id       VARCHAR(40)   NOT NULL REFERENCES webhook (id),
    alert_id         VARCHAR(40)   NOT NULL REFERENCES alert (id),
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP(6) WITH TIME ZONE,
    claimed_until    TIMESTAMP(6) WITH TIME ZONE,
    last_status      INTEGER,
    last_error       VARCHAR(500),
    delivered_at     TIMESTAMP(6) WITH TIME ZONE,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_delivery_webhook ON webhook_delivery (webhook_id, created_at);
