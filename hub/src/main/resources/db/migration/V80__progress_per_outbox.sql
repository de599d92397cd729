-- Each gateway outbox numbers its events from 1, and a reinstalled gateway starts a new outbox (issue 8, part 3:
-- batches name their outbox). One committed-up-to per campus let the old outbox's number cover the new outbox's
-- unsent events, which the gateway then deleted. Sequences, progress and gaps are now kept per (campus, outbox);
-- '' is the stream of batches that name no outbox (older gateways), which is what every existing row was.
ALTER TABLE events ADD COLUMN outbox_id text NOT NULL DEFAULT '';
DROP INDEX events_campus_seq;
CREATE INDEX events_stream_seq ON events (campus_id, outbox_id, seq);

ALTER TABLE campus_progress ADD COLUMN outbox_id text NOT NULL DEFAULT '';
ALTER TABLE campus_progress DROP CONSTRAINT campus_progress_pkey;
ALTER TABLE campus_progress ADD PRIMARY KEY (campus_id, outbox_id);

ALTER TABLE sequence_gaps ADD COLUMN outbox_id text NOT NULL DEFAULT '';
DROP INDEX sequence_gaps_open;
CREATE UNIQUE INDEX sequence_gaps_open ON sequence_gaps (campus_id, outbox_id, from_seq) WHERE filled_at IS NULL;
