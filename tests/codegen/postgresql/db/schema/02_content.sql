-- Content: a category tree, posts with tags, comments and likes.

CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');

CREATE TABLE categories (
    id           serial PRIMARY KEY,
    parent_id    integer REFERENCES categories (id) ON DELETE SET NULL,
    name         varchar(80) NOT NULL,
    slug         varchar(80) NOT NULL UNIQUE,
    position     smallint,
    description  text
);

CREATE TABLE posts (
    id               bigserial PRIMARY KEY,
    author_id        bigint NOT NULL REFERENCES users (id),
    category_id      integer REFERENCES categories (id) ON DELETE SET NULL,
    title            varchar(200) NOT NULL,
    slug             text NOT NULL UNIQUE,
    body             text NOT NULL,
    excerpt          text,
    status           post_status NOT NULL DEFAULT 'draft',
    published_at     timestamptz,
    metadata         jsonb,
    tags             text[] NOT NULL DEFAULT '{}',
    view_count       bigint NOT NULL DEFAULT 0,
    reading_minutes  integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz
);

CREATE INDEX posts_author_idx ON posts (author_id, published_at DESC);
CREATE INDEX posts_status_idx ON posts (status) WHERE status = 'published';
CREATE INDEX posts_tags_idx ON posts USING gin (tags);
CREATE INDEX posts_search_idx ON posts USING gin (to_tsvector('english', title || ' ' || body));

CREATE TABLE tags (
    id     serial PRIMARY KEY,
    name   varchar(50) NOT NULL UNIQUE,
    color  char(7)
);

CREATE TABLE post_tags (
    post_id  bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id   integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

CREATE TABLE comments (
    id          bigserial PRIMARY KEY,
    post_id     bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    parent_id   bigint REFERENCES comments (id) ON DELETE CASCADE,
    body        text NOT NULL,
    is_edited   boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_post_idx ON comments (post_id, created_at);

CREATE TABLE post_likes (
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_id     bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, post_id)
);
