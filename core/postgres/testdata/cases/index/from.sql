CREATE TABLE docs (
  a integer,
  b text,
  c integer
);

CREATE INDEX docs_a_idx ON docs (a);
CREATE INDEX docs_b ON docs (b);
CREATE UNIQUE INDEX docs_c_key2 ON docs (c);
