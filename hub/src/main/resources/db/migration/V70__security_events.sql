-- Security events the hub detects itself (issue 8, part 3: possible substitution of a gateway's stream). One row per
-- piece of evidence: the same evidence seen again, by this hub or another sharing the database, counts on its row.
-- Refused input stays in dead_letters; refusals by the county broker are logged and counted where they happen.
CREATE TABLE security_events (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    campus_id   text,
    detail      text NOT NULL,
    evidence    text NOT NULL UNIQUE,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    occurrences integer NOT NULL DEFAULT 1
);
CREATE INDEX security_events_recent ON security_events (last_at DESC, id DESC);
CREATE INDEX security_events_campus ON security_events (campus_id, last_at DESC);
