CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  price TEXT,
  qty VARCHAR(10),
  code INTEGER,
  note VARCHAR(20)
);
