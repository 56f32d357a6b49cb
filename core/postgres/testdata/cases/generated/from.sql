CREATE TABLE orders (
  id integer PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty integer NOT NULL,
  total numeric GENERATED ALWAYS AS (price * qty) STORED,
  label text GENERATED ALWAYS AS ('#' || id::text) STORED,
  plain numeric
);

CREATE INDEX orders_total_idx ON orders (total);
