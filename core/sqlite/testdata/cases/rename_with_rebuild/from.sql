CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  label TEXT,
  amount TEXT
);
