-- ALTER TABLE ADD COLUMN can add these three.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  nickname TEXT,
  score INTEGER NOT NULL DEFAULT 0,
  bio TEXT COLLATE NOCASE DEFAULT 'none'
);

-- A non-constant default and a UNIQUE column need a rebuild.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  happened_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  code TEXT UNIQUE
);
