CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    email text
);

CREATE TABLE broken (
    id int,,
    name text
);

CREATE TABLE posts (
    id bigint PRIMARY KEY,
    author_id bigint REFERENCES user (id),
    editor_id bigint REFERENCES users (uid),
    broken_id int REFERENCES broken (id),
    PRIMARY KEY (id),
    UNIQUE (title),
    FOREIGN KEY (author_id, editor_id) REFERENCES users (id)
);

CREATE TABLE users (id int);
CREATE INDEX posts_idx ON posts (nope);
CREATE INDEX posts_idx ON posts (id);
CREATE INDEX ON missing (id);
ALTER TABLE posts ADD COLUMN author_id int;
COMMENT ON COLUMN posts.ghost IS 'boo';
CREATE TYPE mood AS ENUM ('a');
CREATE TYPE mood AS ENUM ('b');
CREATE VIEW users AS SELECT 1;
