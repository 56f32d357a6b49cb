CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  status TEXT DEFAULT 'draft',
  score INTEGER,
  created_at TEXT,
  ratio REAL DEFAULT 0.5
);
