-- Devices keyed by campus and id (issue 21.5): keyed by id alone, a report from one campus's gateway naming another
-- campus's device id updated that device (showing it online during a real outage) or claimed the id first. Each
-- campus now has its own row; an id reported by two campuses is a security event (foreign_device).
ALTER TABLE devices DROP CONSTRAINT devices_pkey;
ALTER TABLE devices ADD PRIMARY KEY (campus_id, id);
-- Look-ups by id alone (a device's page, the asset register's join) stay indexed.
CREATE INDEX devices_id ON devices (id);
