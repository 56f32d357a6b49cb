CREATE TABLE codes (
  a integer UNIQUE,
  b integer,
  c integer,
  d integer,
  CONSTRAINT codes_bc UNIQUE (b, c)
);
