CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  first TEXT,
  last TEXT,
  full TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL
);

CREATE TABLE boxes (
  id INTEGER PRIMARY KEY,
  w REAL,
  h REAL
);

CREATE TABLE crates (
  id INTEGER PRIMARY KEY,
  w REAL,
  h REAL
);
