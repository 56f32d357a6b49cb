CREATE TABLE products (
  id integer PRIMARY KEY,
  name text,
  stock integer NOT NULL DEFAULT 0,
  sku varchar(32) UNIQUE,
  seq_no serial,
  added_at timestamptz DEFAULT now()
);

COMMENT ON COLUMN products.stock IS 'units on hand';
