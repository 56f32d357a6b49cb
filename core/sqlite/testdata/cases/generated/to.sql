-- A changed expression needs a rebuild.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  first TEXT,
  last TEXT,
  full TEXT GENERATED ALWAYS AS (last || ', ' || first) VIRTUAL
);

-- ADD COLUMN takes a VIRTUAL generated column...
CREATE TABLE boxes (
  id INTEGER PRIMARY KEY,
  w REAL,
  h REAL,
  area REAL GENERATED ALWAYS AS (w * h) VIRTUAL
);

-- ...but not a STORED one.
CREATE TABLE crates (
  id INTEGER PRIMARY KEY,
  w REAL,
  h REAL,
  perimeter REAL AS (2 * (w + h)) STORED
);
