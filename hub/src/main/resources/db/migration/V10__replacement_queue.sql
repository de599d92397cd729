-- The replacement workflow (candidate → approved → ordered → installed → retired), one row per asset that has
-- left "candidate", with every step kept. Assets without a row are candidates.
CREATE TABLE replacement_entries (
    asset_id   text PRIMARY KEY,
    state      text NOT NULL CHECK (state IN ('candidate', 'approved', 'ordered', 'installed', 'retired')),
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);

CREATE TABLE replacement_history (
    id         bigserial PRIMARY KEY,
    asset_id   text NOT NULL,
    from_state text NOT NULL,
    to_state   text NOT NULL,
    by_user    text NOT NULL,
    at         timestamptz NOT NULL,
    note       text NOT NULL DEFAULT ''
);
CREATE INDEX replacement_history_asset ON replacement_history (asset_id, id);
