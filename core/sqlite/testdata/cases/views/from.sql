CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1;
CREATE VIEW user_emails AS SELECT email FROM active_users;
CREATE VIEW old_view AS SELECT 1 AS one;
