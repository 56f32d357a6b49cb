CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT,
  active INTEGER NOT NULL DEFAULT 1
);

-- Replaced: user_emails selects from it, so it is dropped and created again around it.
CREATE VIEW active_users AS SELECT id, email, name FROM users WHERE active = 1;
CREATE VIEW user_emails AS SELECT email FROM active_users;
CREATE VIEW user_count (n) AS SELECT count(*) FROM users;
