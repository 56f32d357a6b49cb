CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  status TEXT DEFAULT 'new',
  score INTEGER DEFAULT 0,
  created_at TEXT DEFAULT (datetime('now')),
  ratio REAL
);
