-- Content: a category tree, posts with tags, comments and likes.

CREATE TABLE categories (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    name         VARCHAR(80) NOT NULL,
    slug         VARCHAR(80) NOT NULL UNIQUE,
    position     SMALLINT,
    description  TEXT
);

CREATE TABLE posts (
    id               INTEGER PRIMARY KEY,
    author_id        INTEGER NOT NULL REFERENCES users (id),
    category_id      INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    title            VARCHAR(200) NOT NULL,
    slug             TEXT NOT NULL UNIQUE,
    body             TEXT NOT NULL,
    excerpt          TEXT,
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    published_at     TIMESTAMP,
    metadata         JSON,
    tags             JSON NOT NULL DEFAULT '[]',
    view_count       BIGINT NOT NULL DEFAULT 0,
    reading_minutes  INTEGER,
    created_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMP
);

CREATE INDEX posts_author_idx ON posts (author_id, published_at DESC);
CREATE INDEX posts_published_idx ON posts (published_at) WHERE status = 'published';

CREATE TABLE tags (
    id     INTEGER PRIMARY KEY,
    name   VARCHAR(50) NOT NULL UNIQUE,
    color  CHAR(7)
);

CREATE TABLE post_tags (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    parent_id   INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    is_edited   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX comments_post_idx ON comments (post_id, created_at);

CREATE TABLE post_likes (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, post_id)
);
