CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  label TEXT,
  amount TEXT
);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id)
);
