-- Issue 22: notifications, the duty roster, the camera beside the alarm.

-- The duty roster, one row per saved version (never updated, so every earlier roster stays readable). The newest
-- version is in force; a save made over an older copy is refused, not lost. Who saved it is in the audit log too.
CREATE TABLE duty_rosters (
    version  integer PRIMARY KEY CHECK (version >= 1),
    document jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
    saved_at timestamptz NOT NULL,
    saved_by text NOT NULL,
    note     text
);

-- Every attempt to deliver a notification: channel, recipient, outcome, how long it took. One alarm's attempts are
-- read together (its history, and who to tell when it is acknowledged).
CREATE TABLE notification_attempts (
    id         bigserial PRIMARY KEY,
    alarm_id   bigint NOT NULL REFERENCES alarms (id),
    kind       text NOT NULL CHECK (kind IN ('alarm', 'acknowledged')),
    level      integer NOT NULL,
    recipient  text NOT NULL,
    -- the person as the roster had them (name, mobile, e-mail, channels): whom to tell of the acknowledgement
    person     jsonb NOT NULL,
    channel    text NOT NULL,
    attempt    integer NOT NULL,
    outcome    text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'gave_up', 'skipped')),
    detail     text,
    latency_ms bigint NOT NULL,
    -- from the alarm change's commit (as the hub that sent it saw it) to the end of this attempt
    since_commit_ms bigint NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX notification_attempts_alarm ON notification_attempts (alarm_id, id);

-- Where a device is: its building and room (the alarm's place in a notice, and the cameras beside a panic button),
-- a linkage group that ties cameras to buttons across rooms, and a camera's national (GB/T 28181) id for the video
-- platform's live view. Kept apart from the devices the hub learns from events: a place can be registered before the
-- device is first heard, and registering one never makes a device the board would count.
CREATE TABLE device_places (
    device_id     text PRIMARY KEY,
    campus_id     text NOT NULL,
    building      text,
    room          text,
    linkage_group text,
    national_id   text,
    updated_at    timestamptz NOT NULL,
    updated_by    text NOT NULL
);
CREATE INDEX device_places_room ON device_places (campus_id, building, room);
CREATE INDEX device_places_group ON device_places (campus_id, linkage_group) WHERE linkage_group IS NOT NULL;
