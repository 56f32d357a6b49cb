CREATE TYPE post_status AS ENUM ('draft', 'published');

CREATE TABLE posts (
  id BIGSERIAL PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'draft',
  title TEXT NOT NULL,
  CONSTRAINT posts_status_known CHECK (status IN ('draft', 'published'))
);
CREATE INDEX posts_published_idx ON posts (id) WHERE status = 'published';
