CREATE TABLE products (
  id INT PRIMARY KEY,
  price DECIMAL(10,2) NOT NULL,
  stock INT NOT NULL,
  sku VARCHAR(20) NOT NULL,
  CONSTRAINT products_price_check CHECK (price > 0 AND price < 100000),
  CONSTRAINT products_sku_check CHECK (sku <> '' AND CHAR_LENGTH(sku) BETWEEN 3 AND 20)
);
