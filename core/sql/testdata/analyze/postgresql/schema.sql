CREATE TYPE user_role AS ENUM ('admin', 'member', 'guest');

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    bio text,
    role user_role NOT NULL DEFAULT 'member',
    avatar_url varchar(255),
    balance numeric(12, 2) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);

CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES users (id),
    title text NOT NULL,
    body text,
    tags text[] NOT NULL DEFAULT '{}',
    metadata jsonb,
    published_at timestamp,
    score integer NOT NULL DEFAULT 0
);

CREATE TABLE comments (
    id bigserial PRIMARY KEY,
    post_id bigint NOT NULL REFERENCES posts (id),
    user_id bigint REFERENCES users (id),
    parent_id bigint REFERENCES comments (id),
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE VIEW post_stats AS
SELECT p.id AS post_id, count(c.id) AS comment_count, max(c.created_at) AS last_comment_at
FROM posts p LEFT JOIN comments c ON c.post_id = p.id
GROUP BY p.id;
