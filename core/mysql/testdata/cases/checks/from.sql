CREATE TABLE products (
  id INT PRIMARY KEY,
  price DECIMAL(10,2) NOT NULL,
  stock INT NOT NULL,
  sku VARCHAR(20) NOT NULL,
  CONSTRAINT products_price_check CHECK (price > 0),
  CONSTRAINT products_stock_check CHECK (stock >= 0)
);
