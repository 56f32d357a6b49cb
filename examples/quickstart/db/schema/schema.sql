-- The quick start schema: two tables, a foreign key, an index, a view.

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT,
  published INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX posts_user_id_idx ON posts (user_id);

CREATE VIEW published_posts AS
  SELECT p.id, p.title, u.name AS author
  FROM posts p JOIN users u ON u.id = p.user_id
  WHERE p.published = 1;
