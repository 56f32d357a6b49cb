CREATE TABLE users (
  id INT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  data JSON
);
CREATE UNIQUE INDEX users_email_lower_idx ON users ((LOWER(email)));
CREATE INDEX users_id_email_idx ON users (id, (LEFT(email, 3)) DESC);
