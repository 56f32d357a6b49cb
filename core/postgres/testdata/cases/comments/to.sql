CREATE TABLE invoices (
  id integer PRIMARY KEY,
  total numeric(10,2),
  note text
);

COMMENT ON TABLE invoices IS 'Invoices sent to customers (it''s billing)';
COMMENT ON COLUMN invoices.total IS 'gross amount';
