-- Keygate schema, version 1. Plain SQL that runs unchanged on H2 2.x and PostgreSQL 13+.
-- Ids are application-assigned strings (type prefix + ULID); money is DECIMAL(19,6) = micro-USD.

CREATE TABLE team (
    id                 VARCHAR(40)  NOT NULL PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    default_rpm_limit  INTEGER,
    time_zone          VARCHAR(64)  NOT NULL,
    work_days          VARCHAR(64)  NOT NULL,
    work_start         VARCHAR(5)   NOT NULL,
    work_end           VARCHAR(5)   NOT NULL,
    billing            VARCHAR(16)  NOT NULL,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version            BIGINT       NOT NULL
);
CREATE UNIQUE INDEX ux_team_name ON team (name);

CREATE TABLE member (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    username       VARCHAR(200) NOT NULL,
    display_name   VARCHAR(200),
    email          VARCHAR(320),
    org_role       VARCHAR(16),
    status         VARCHAR(16)  NOT NULL,
    password_hash  VARCHAR(200),
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    offboarded_at  TIMESTAMP(6) WITH TIME ZONE,
    version        BIGINT       NOT NULL
);
CREATE UNIQUE INDEX ux_member_username ON member (username);

CREATE TABLE membership (
    id         VARCHAR(40) NOT NULL PRIMARY KEY,
    member_id  VARCHAR(40) NOT NULL REFERENCES member (id),
    team_id    VARCHAR(40) NOT NULL REFERENCES team (id),
    role       VARCHAR(16) NOT NULL
);
CREATE UNIQUE INDEX ux_membership ON membership (member_id, team_id);
CREATE INDEX ix_membership_team ON membership (team_id);

CREATE TABLE ledger_entry (
    id          VARCHAR(40)    NOT NULL PRIMARY KEY,
    team_id     VARCHAR(40)    NOT NULL REFERENCES team (id),
    amount      DECIMAL(19, 6) NOT NULL,
    kind        VARCHAR(16)    NOT NULL,
    note        VARCHAR(500)   NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200)   NOT NULL
);
CREATE INDEX ix_ledger_team ON ledger_entry (team_id, created_at);

CREATE TABLE provider (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    base_url        VARCHAR(1000),
    credential_ref  VARCHAR(200),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL
);

CREATE TABLE model (
    id                    VARCHAR(200)   NOT NULL PRIMARY KEY,
    provider_id           VARCHAR(64)    NOT NULL REFERENCES provider (id),
    upstream_model        VARCHAR(200)   NOT NULL,
    input_price           DECIMAL(19, 6) NOT NULL,
    output_price          DECIMAL(19, 6) NOT NULL,
    cached_input_price    DECIMAL(19, 6) NOT NULL,
    max_output_tokens     INTEGER        NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version               BIGINT         NOT NULL
);

CREATE TABLE api_key (
    id                   VARCHAR(40)    NOT NULL PRIMARY KEY,
    team_id              VARCHAR(40)    NOT NULL REFERENCES team (id),
    owner_id             VARCHAR(40)    NOT NULL REFERENCES member (id),
    name                 VARCHAR(200)   NOT NULL,
    key_hash             CHAR(64)       NOT NULL,
    key_prefix           VARCHAR(7)     NOT NULL,
    last4                VARCHAR(4)     NOT NULL,
    key_group            VARCHAR(100),
    project              VARCHAR(100),
    allowed_models       VARCHAR(4000)  NOT NULL,
    ip_whitelist         VARCHAR(4000)  NOT NULL,
    rpm_limit            INTEGER,
    daily_limit          DECIMAL(19, 6),
    expires_at           TIMESTAMP(6) WITH TIME ZONE,
    status               VARCHAR(16)    NOT NULL,
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(200)   NOT NULL,
    last_used_at         TIMESTAMP(6) WITH TIME ZONE,
    last_used_ip         VARCHAR(45),
    rotated_from         VARCHAR(40),
    rotated_to           VARCHAR(40),
    rotation_ends_at     TIMESTAMP(6) WITH TIME ZONE,
    deactivated_at       TIMESTAMP(6) WITH TIME ZONE,
    deactivated_by       VARCHAR(200),
    deactivation_reason  VARCHAR(500),
    version              BIGINT         NOT NULL
);
CREATE UNIQUE INDEX ux_api_key_hash ON api_key (key_hash);
CREATE INDEX ix_api_key_team ON api_key (team_id, status);
CREATE INDEX ix_api_key_owner ON api_key (owner_id, status);
CREATE INDEX ix_api_key_rotation ON api_key (rotation_ends_at);

CREATE TABLE idempotency_record (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    actor_id      VARCHAR(40)  NOT NULL,
    operation     VARCHAR(80)  NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    key_id        VARCHAR(40)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_idempotency ON idempotency_record (actor_id, operation, idem_key);
CREATE INDEX ix_idempotency_created ON idempotency_record (created_at);

CREATE TABLE audit_head (
    id         INTEGER  NOT NULL PRIMARY KEY,
    last_seq   BIGINT   NOT NULL,
    last_hash  CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_entry (
    seq          BIGINT        NOT NULL PRIMARY KEY,
    at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    target_type  VARCHAR(32)   NOT NULL,
    target_id    VARCHAR(200)  NOT NULL,
    before_json  VARCHAR(20000),
    after_json   VARCHAR(20000),
    source_ip    VARCHAR(45),
    prev_hash    CHAR(64)      NOT NULL,
    entry_hash   CHAR(64)      NOT NULL
);
CREATE INDEX ix_audit_target ON audit_entry (target_type, target_id);
CREATE INDEX ix_audit_actor ON audit_entry (actor, at);
