CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT,
  deleted_at TEXT
);

CREATE INDEX users_lower_email_idx ON users (lower(email));
CREATE UNIQUE INDEX users_active_email_idx ON users (email) WHERE deleted_at IS NULL;
CREATE INDEX users_name_nocase_idx ON users (name COLLATE NOCASE DESC);
