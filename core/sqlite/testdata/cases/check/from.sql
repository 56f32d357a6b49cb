CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  price REAL,
  qty INTEGER,
  CONSTRAINT price_positive CHECK (price > 0),
  CONSTRAINT qty_check CHECK (qty >= 0)
);
