CREATE TABLE codes (
  a integer,
  b integer,
  c integer,
  d integer UNIQUE,
  CONSTRAINT codes_bc UNIQUE (b, c, d)
);
