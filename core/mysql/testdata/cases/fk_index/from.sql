CREATE TABLE users (
  id INT PRIMARY KEY
);
CREATE TABLE posts (
  id INT PRIMARY KEY,
  user_id INT NOT NULL,
  created_at DATETIME NOT NULL,
  KEY posts_user_created_idx (user_id, created_at),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
