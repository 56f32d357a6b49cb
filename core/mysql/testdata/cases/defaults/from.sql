CREATE TABLE orders (
  id INT PRIMARY KEY,
  status VARCHAR(20) NOT NULL DEFAULT 'new',
  quantity INT NOT NULL,
  note VARCHAR(100) DEFAULT 'n/a',
  placed_at DATETIME,
  token VARCHAR(36),
  discount DECIMAL(5,2) DEFAULT 0
);
