-- Renamed, two columns renamed (one of them referenced by invoices), one made NOT NULL,
-- a type changed: the renames are ALTER TABLE statements (SQLite rewrites the foreign key of
-- invoices), everything else one rebuild.
CREATE TABLE customers ( -- flash:renamed_from clients
  customer_no INTEGER PRIMARY KEY, -- flash:renamed_from id
  name TEXT NOT NULL DEFAULT '', -- flash:renamed_from label
  amount REAL
);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES customers (customer_no)
);
