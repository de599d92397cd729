-- Issue 6, "failure and repair count": the repairs IT staff record per asset. Their count feeds the replacement
-- score; who recorded each one is also in the audit log.
CREATE TABLE asset_repairs (
    id           bigserial PRIMARY KEY,
    asset_id     text NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    repaired_on  date NOT NULL,
    note         text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 500),
    cost         numeric(12, 2) CHECK (cost >= 0),
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX asset_repairs_asset ON asset_repairs (asset_id, repaired_on, id);
