CREATE TABLE users (
  id INT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE posts (
  id INT PRIMARY KEY,
  user_id INT NOT NULL,
  title VARCHAR(200) NOT NULL
);
CREATE VIEW active_users AS SELECT id, email AS address FROM users WHERE active = TRUE AND email LIKE '%@%';
CREATE VIEW post_counts AS
  SELECT u.id AS user_id, u.email, COUNT(p.id) AS posts
  FROM users u LEFT JOIN posts p ON p.user_id = u.id
  GROUP BY u.id, u.email;
CREATE VIEW user_emails (uid, mail) AS SELECT id, email FROM users;
CREATE VIEW active_post_counts AS SELECT * FROM post_counts WHERE posts > 0;
