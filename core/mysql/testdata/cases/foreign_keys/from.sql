CREATE TABLE users (
  id INT PRIMARY KEY
);
CREATE TABLE teams (
  org_id INT NOT NULL,
  team_no INT NOT NULL,
  PRIMARY KEY (org_id, team_no)
);
CREATE TABLE posts (
  id INT PRIMARY KEY,
  author_id INT,
  editor_id INT,
  org_id INT,
  team_no INT,
  CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id),
  CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
);
