CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  price DECIMAL(10, 2),
  qty INTEGER,
  code TEXT,
  note VARCHAR(200)
);
