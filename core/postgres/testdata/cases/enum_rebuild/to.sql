CREATE TYPE post_status AS ENUM ('published', 'draft');

CREATE TABLE posts (
  id integer PRIMARY KEY,
  status post_status NOT NULL DEFAULT 'draft',
  history post_status[]
);

CREATE VIEW published_posts AS SELECT id FROM posts WHERE status = 'published';
