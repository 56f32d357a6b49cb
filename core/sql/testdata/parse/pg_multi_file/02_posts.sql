CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL,
    state post_state NOT NULL DEFAULT 'draft'
);
