-- Ingest cost per event (issue 4). The hub stores every event, and readings are nearly all of them.
--
-- Bodies as json, not jsonb: jsonb builds a binary tree of every body on insert, and nothing reads the log through
-- jsonb's operators or indexes. Its readers take the whole body (the campus timeline as text, the pending-alarm
-- sweep inside json_build_object, the device health facts as an object), which json serves as it is. json still
-- checks that each body is valid JSON.
--
-- Note for an existing database: changing the type rewrites the table (and its indexes) once, under a lock.
ALTER TABLE events ALTER COLUMN body TYPE json USING body::json;

-- The only reader of events by device is the device health facts, which look for a device's newest classroom
-- report; an index over every canteen reading and camera status only cost a B-tree insert per event.
DROP INDEX events_device_time;
CREATE INDEX events_device_classroom ON events (device_id, source_ts) WHERE kind = 'classroom';
