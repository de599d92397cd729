-- Users after creation (issue 21.8): a generated password must be changed at the first sign-in (the first
-- administrator's, and any an administrator resets), and a user can be disabled without deleting its history.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
