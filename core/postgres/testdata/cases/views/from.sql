CREATE TABLE users (
  id integer PRIMARY KEY,
  email text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  score integer
);

CREATE VIEW active_users AS SELECT id, email FROM users WHERE active;
CREATE VIEW old_report AS SELECT count(*) AS n FROM users;
CREATE MATERIALIZED VIEW user_stats AS SELECT active, count(*) AS n FROM users GROUP BY active;
CREATE VIEW emails (user_id, address) AS SELECT id, lower(email) FROM users;
CREATE VIEW active_emails AS SELECT email FROM active_users;
