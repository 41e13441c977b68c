-- http-audit: the audit event table on PostgreSQL (10 or later).
-- Applied by http-audit.jdbc.initialize-schema=true (with the table name of http-audit.jdbc.table),
-- or copied as it stands into a Flyway/Liquibase migration. Safe to run again.
CREATE TABLE IF NOT EXISTS http_audit_event (
    event_id        varchar(128)  NOT NULL,
    event_time      timestamptz   NOT NULL,
    event_sequence  bigint        NOT NULL,
    correlation_id  varchar(256),
    method          varchar(32),
    path            varchar(512),
    route           varchar(512),
    status_code     integer,
    outcome         varchar(16)   NOT NULL,
    duration_ns     bigint        NOT NULL,
    user_name       varchar(256),
    client_ip       varchar(64),
    service_name    varchar(256),
    event           jsonb         NOT NULL,
    CONSTRAINT http_audit_event_pk PRIMARY KEY (event_id)
);
CREATE INDEX IF NOT EXISTS http_audit_event_time_idx ON http_audit_event (event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_correlation_idx ON http_audit_event (correlation_id);
CREATE INDEX IF NOT EXISTS http_audit_event_user_idx ON http_audit_event (user_name, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_route_idx ON http_audit_event (route, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_path_idx ON http_audit_event (path, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_status_idx ON http_audit_event (status_code, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_outcome_idx ON http_audit_event (outcome, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_client_ip_idx ON http_audit_event (client_ip, event_time);
CREATE INDEX IF NOT EXISTS http_audit_event_service_idx ON http_audit_event (service_name, event_time);
