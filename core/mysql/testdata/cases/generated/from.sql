CREATE TABLE line_items (
  id INT PRIMARY KEY,
  quantity INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  total DECIMAL(12,2) AS (quantity * unit_price) STORED,
  label VARCHAR(50),
  double_qty INT AS (quantity * 2) VIRTUAL
);
