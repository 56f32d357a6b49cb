CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT,
  name TEXT,
  created_at TEXT
);

CREATE INDEX users_email_idx ON users (email);
CREATE INDEX users_name_idx ON users (name);
CREATE UNIQUE INDEX users_created_idx ON users (created_at);
