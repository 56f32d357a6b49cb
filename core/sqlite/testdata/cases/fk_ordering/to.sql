CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT
);

-- Declared children first: created parents first, dropped children first.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id INTEGER REFERENCES authors (id),
  body TEXT NOT NULL
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id),
  title TEXT NOT NULL
);

CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE INDEX comments_post_id_idx ON comments (post_id);
