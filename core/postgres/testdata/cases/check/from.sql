CREATE TABLE measurements (
  a integer CHECK (a > 0),
  b integer,
  c text,
  CONSTRAINT measurements_b_range CHECK (b BETWEEN 1 AND 10)
);
