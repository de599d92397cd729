-- Test-only migration (location db/itest), applied by PostgresIntegrationTest into a schema of its own.
CREATE TABLE device_probe (
    device_id  text        PRIMARY KEY,
    state      text        NOT NULL,
    seen_at    timestamptz NOT NULL,
    updates    integer     NOT NULL DEFAULT 1
);
