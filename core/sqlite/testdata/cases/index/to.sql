CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT,
  name TEXT,
  created_at TEXT
);

-- users_email_idx dropped; users_name_idx changed (same name, new definition);
-- users_created_idx renamed; users_email_name_idx added.
CREATE INDEX users_name_idx ON users (name, created_at);
CREATE UNIQUE INDEX users_created_at_key ON users (created_at);
CREATE INDEX users_email_name_idx ON users (email, name DESC);
