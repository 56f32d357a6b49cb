-- A rowid alias becomes AUTOINCREMENT.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT
);

-- Rebuilt for another reason: the AUTOINCREMENT counter survives.
CREATE TABLE logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  msg TEXT NOT NULL DEFAULT ''
);
