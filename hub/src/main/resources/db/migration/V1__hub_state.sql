-- The county hub's state. Times are timestamptz (UTC on the wire); ids follow the devices module's allow-list.

CREATE TABLE campuses (
    id                text PRIMARY KEY,
    name              text NOT NULL DEFAULT '',
    town              text NOT NULL DEFAULT '',
    -- unknown until the first status message; lost when supervision says so
    link_state        text NOT NULL DEFAULT 'unknown' CHECK (link_state IN ('unknown', 'up', 'lost')),
    last_heartbeat_at timestamptz,
    boot_id           text,
    colour            text NOT NULL DEFAULT 'green' CHECK (colour IN ('green', 'yellow', 'red')),
    degraded_devices  integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
    id           text PRIMARY KEY,
    campus_id    text NOT NULL,
    kind         text NOT NULL,
    device_type  text,
    name         text NOT NULL DEFAULT '',
    last_seen_at timestamptz
);
CREATE INDEX devices_campus ON devices (campus_id);

CREATE TABLE assets (
    id            text PRIMARY KEY,
    campus_id     text NOT NULL,
    room          text NOT NULL,
    category      text NOT NULL,
    make          text NOT NULL,
    model         text NOT NULL,
    purchase_date date NOT NULL,
    price         numeric(12, 2) NOT NULL CHECK (price >= 0),
    warranty_end  date
);
CREATE INDEX assets_campus ON assets (campus_id);

-- The idempotent event log: a redelivered event hits the primary key and is dropped.
CREATE TABLE events (
    id            uuid PRIMARY KEY,
    campus_id     text NOT NULL,
    seq           bigint NOT NULL,
    kind          text NOT NULL,
    priority      text NOT NULL,
    device_id     text NOT NULL,
    source_ts     timestamptz NOT NULL,
    gateway_ts    timestamptz NOT NULL,
    hub_ts        timestamptz NOT NULL,
    body          jsonb NOT NULL,
    late          boolean NOT NULL DEFAULT false,
    delay_ms      bigint NOT NULL DEFAULT 0,
    -- true until the alarm engine has applied this event; a crash between the two leaves it for the sweep
    alarm_pending boolean NOT NULL DEFAULT false
);
CREATE INDEX events_campus_seq ON events (campus_id, seq);
CREATE INDEX events_device_time ON events (device_id, source_ts);
CREATE INDEX events_alarm_pending ON events (hub_ts) WHERE alarm_pending;

-- Highest seq such that 1..it are all committed, per campus; its row lock serialises the walk forward.
CREATE TABLE campus_progress (
    campus_id       text PRIMARY KEY,
    committed_up_to bigint NOT NULL DEFAULT 0
);

CREATE TABLE sequence_gaps (
    id          bigserial PRIMARY KEY,
    campus_id   text NOT NULL,
    from_seq    bigint NOT NULL,
    to_seq      bigint NOT NULL,
    detected_at timestamptz NOT NULL,
    filled_at   timestamptz
);
CREATE UNIQUE INDEX sequence_gaps_open ON sequence_gaps (campus_id, from_seq) WHERE filled_at IS NULL;

CREATE TABLE dead_letters (
    id          bigserial PRIMARY KEY,
    campus_id   text,
    topic       text NOT NULL,
    raw         text NOT NULL,
    field       text NOT NULL,
    reason      text NOT NULL,
    detail      text NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX dead_letters_time ON dead_letters (received_at);

CREATE TABLE alarms (
    id                bigserial PRIMARY KEY,
    campus_id         text NOT NULL,
    device_id         text NOT NULL,
    type              text NOT NULL,
    severity          text NOT NULL CHECK (severity IN ('P0', 'P1', 'P2', 'P3')),
    state             text NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    detail            text NOT NULL DEFAULT '',
    opened_at         timestamptz NOT NULL,
    opened_event_id   uuid,
    source_ts         timestamptz NOT NULL,
    last_event_at     timestamptz NOT NULL,
    occurrences       integer NOT NULL DEFAULT 1,
    source_cleared_at timestamptz,
    acked_at          timestamptz,
    acked_by          text,
    resolved_at       timestamptz,
    resolved_by       text,
    assignee          text,
    note              text,
    late              boolean NOT NULL DEFAULT false,
    delay_ms          bigint NOT NULL DEFAULT 0,
    escalation_level  integer NOT NULL DEFAULT 0,
    escalated_at      timestamptz
);
-- The database's half of "one active alarm per (device, alarm type)"; the hub's per-device writer is the other.
CREATE UNIQUE INDEX alarms_one_active ON alarms (campus_id, device_id, type) WHERE state <> 'resolved';
CREATE INDEX alarms_campus_state ON alarms (campus_id, state);
CREATE INDEX alarms_unacked ON alarms (opened_at) WHERE state = 'open';

CREATE TABLE alarm_history (
    id       bigserial PRIMARY KEY,
    alarm_id bigint NOT NULL REFERENCES alarms (id),
    action   text NOT NULL,
    actor    text NOT NULL,
    at       timestamptz NOT NULL,
    note     text
);
CREATE INDEX alarm_history_alarm ON alarm_history (alarm_id, id);

CREATE TABLE users (
    id            text PRIMARY KEY,
    display_name  text NOT NULL DEFAULT '',
    role          text NOT NULL,
    campus_id     text,
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL,
    actor  text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    detail text
);

-- The change feed behind the console's SSE stream: every alarm and campus-status change, in commit order
-- (writers take an advisory lock before appending), so a client resumes with Last-Event-ID from any hub.
CREATE TABLE changes (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('alarm', 'campus')),
    campus_id text NOT NULL,
    payload   jsonb NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    alarm_id        bigint NOT NULL REFERENCES alarms (id),
    idempotency_key text NOT NULL UNIQUE,
    url             text NOT NULL,
    payload         jsonb NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    last_error      text,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz
);

-- Time series when no InfluxDB is configured.
CREATE TABLE ts_points (
    measurement text NOT NULL,
    campus_id   text NOT NULL,
    device_id   text NOT NULL,
    field       text NOT NULL,
    ts          timestamptz NOT NULL,
    value       double precision NOT NULL
);
CREATE INDEX ts_points_device ON ts_points (device_id, field, ts);
