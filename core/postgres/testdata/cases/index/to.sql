CREATE TABLE docs (
  a integer,
  b text,
  c integer
);

CREATE INDEX docs_b ON docs (b, a);
CREATE UNIQUE INDEX docs_c_unique ON docs (c);
CREATE INDEX docs_c_desc ON docs (c DESC);
