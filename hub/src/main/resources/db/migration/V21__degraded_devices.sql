-- Degraded devices (see io.campusguard.hub.alarms.Degradation): each device's latest reported condition, and
-- the source time of the report that set it, so a late backlog cannot overwrite a newer condition.
-- degraded_changed_at is the hub time the condition last flipped: a commit learns from it that the campus's
-- count (campuses.degraded_devices) must be recounted.
ALTER TABLE devices ADD COLUMN degraded boolean NOT NULL DEFAULT false;
ALTER TABLE devices ADD COLUMN degraded_reason text;
ALTER TABLE devices ADD COLUMN condition_at timestamptz;
ALTER TABLE devices ADD COLUMN degraded_changed_at timestamptz;
CREATE INDEX devices_campus_degraded ON devices (campus_id) WHERE degraded;
