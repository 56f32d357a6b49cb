CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  legacy TEXT,
  tag TEXT
);

CREATE INDEX users_tag_idx ON users (tag);

-- A UNIQUE column cannot be dropped with ALTER TABLE: rebuild.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  old_code TEXT UNIQUE
);
