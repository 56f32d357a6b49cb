CREATE TABLE users (
  id integer PRIMARY KEY,
  email text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  score integer
);

CREATE VIEW active_users AS SELECT id, email, score FROM users WHERE active AND score > 0;
CREATE MATERIALIZED VIEW user_stats AS SELECT active, count(*) AS n, max(score) AS top FROM users GROUP BY active;
CREATE VIEW emails (user_id, address) AS SELECT id, lower(email) FROM users;
CREATE VIEW top_users AS
  SELECT u.id, u.email
  FROM users u
  JOIN users v ON v.id = u.id
  WHERE u.score BETWEEN 10 AND 100 AND u.email LIKE '%@%'
  ORDER BY u.score DESC;
CREATE VIEW everything AS SELECT * FROM users;
CREATE VIEW active_emails AS SELECT email FROM active_users;
