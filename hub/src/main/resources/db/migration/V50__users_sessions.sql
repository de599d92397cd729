-- Console and API users (the users table of V1, unused until now) and their server-side sessions.
-- A principal belongs to exactly one campus; the other roles see the whole county.
ALTER TABLE users ADD CONSTRAINT users_role CHECK (role IN ('operator', 'principal', 'it', 'admin'));
ALTER TABLE users ADD CONSTRAINT users_principal_campus CHECK ((role = 'principal') = (campus_id IS NOT NULL));

-- The cookie carries a random 256-bit id; only its SHA-256 is stored, so a copy of this table opens no session.
-- Any hub instance can check any session (nothing in the hub assumes it is alone).
CREATE TABLE sessions (
    id_hash      bytea PRIMARY KEY,
    user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
