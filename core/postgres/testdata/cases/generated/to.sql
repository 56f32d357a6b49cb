CREATE TABLE orders (
  id integer PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty integer NOT NULL,
  total numeric GENERATED ALWAYS AS (price * qty * 2) STORED,
  label text,
  plain numeric GENERATED ALWAYS AS (price + 1) STORED
);

CREATE INDEX orders_total_idx ON orders (total);
