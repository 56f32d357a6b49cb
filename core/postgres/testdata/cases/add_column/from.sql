CREATE TABLE products (
  id integer PRIMARY KEY
);
