-- Indexes and foreign keys first: the files may come in any order.
CREATE INDEX posts_author_idx ON posts (author_id);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id);
COMMENT ON TABLE authors IS 'writers';
