CREATE TYPE post_status AS ENUM ('draft', 'review', 'published');

CREATE TABLE posts (
  id BIGSERIAL PRIMARY KEY,
  status post_status NOT NULL DEFAULT 'draft',
  title TEXT NOT NULL,
  CONSTRAINT posts_not_draft_untitled CHECK (status <> 'draft' OR title <> '')
);
CREATE INDEX posts_published_idx ON posts (id) WHERE status = 'published';
CREATE INDEX posts_status_title_idx ON posts (title, (status = 'draft'));
