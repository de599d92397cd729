-- Test mode for one-touch alarms (issue 5): an operator opens a window for a campus; presses inside it are
-- recorded in the test ledger instead of raising a P0 alarm. Windows are kept after they end, so a press
-- delivered late after an outage is still judged by the window it was pressed in.
CREATE TABLE panic_test_windows (
    id         bigserial PRIMARY KEY,
    campus_id  text NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    started_by text NOT NULL
);
CREATE INDEX panic_test_windows_end ON panic_test_windows (ends_at);

-- The quarter's test ledger: one row per press recorded as a test. The event id is the key, so a redelivered
-- or re-swept event is recorded once. quarter is the county's calendar quarter (China time), e.g. 2026-Q4.
CREATE TABLE panic_tests (
    event_id   uuid PRIMARY KEY,
    campus_id  text NOT NULL,
    device_id  text NOT NULL,
    pressed_at timestamptz NOT NULL,
    quarter    text NOT NULL
);
CREATE INDEX panic_tests_quarter ON panic_tests (quarter, campus_id, device_id);

-- The NVR a camera records to, as its own status reports say: an NVR outage is shown once with its cameras under it.
ALTER TABLE devices ADD COLUMN parent_id text;
