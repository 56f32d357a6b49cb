CREATE TABLE comments (
  id INT AUTO_INCREMENT PRIMARY KEY,
  post_id INT NOT NULL,
  author_id INT NOT NULL,
  parent_id INT,
  body TEXT NOT NULL,
  CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
  CONSTRAINT comments_author_fk FOREIGN KEY (author_id) REFERENCES authors (id),
  CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES comments (id)
);
CREATE TABLE posts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  author_id INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)
);
CREATE TABLE authors (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  favorite_post_id INT,
  CONSTRAINT authors_favorite_fk FOREIGN KEY (favorite_post_id) REFERENCES posts (id)
);
CREATE TABLE settings (
  k VARCHAR(50) PRIMARY KEY,
  v TEXT,
  owner_id INT,
  CONSTRAINT settings_owner_fk FOREIGN KEY (owner_id) REFERENCES authors (id)
);
