CREATE TYPE post_state AS ENUM ('draft', 'published');
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);
