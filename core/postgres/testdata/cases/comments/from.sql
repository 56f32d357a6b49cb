CREATE TABLE invoices (
  id integer PRIMARY KEY,
  total numeric(10,2),
  note text
);

COMMENT ON TABLE invoices IS 'Invoices sent';
COMMENT ON COLUMN invoices.note IS 'free text';
