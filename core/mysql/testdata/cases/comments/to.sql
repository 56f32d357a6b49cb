CREATE TABLE customers (
  id INT PRIMARY KEY COMMENT 'surrogate key',
  name VARCHAR(100) NOT NULL COMMENT 'legal name, as on the invoice',
  vip BOOLEAN NOT NULL DEFAULT FALSE
) COMMENT='customers (it''s everyone)';
