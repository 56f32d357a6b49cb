CREATE TABLE measurements (
  a integer,
  b integer,
  c text CHECK (c IN ('x', 'y')),
  CONSTRAINT measurements_b_range CHECK (b BETWEEN 1 AND 100),
  CONSTRAINT measurements_c_len CHECK (length(c) < 10 AND c NOT LIKE '%z%')
);
