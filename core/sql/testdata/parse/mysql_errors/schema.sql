CREATE TABLE users (
  id INT NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  Email VARCHAR(255),
  email VARCHAR(100),
  PRIMARY KEY (id),
  KEY idx_email (email),
  KEY idx_email (id)
);

CREATE TABLE orders (
  id INT PRIMARY KEY,
  user_id INT,
  total DECIMAL(10,2) NOT NULL DEFAULT,
  CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE items (
  id INT PRIMARY KEY,
  order_id INT,
  sku VARCHAR(20),
  CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES order (id),
  CONSTRAINT fk_sku FOREIGN KEY (sku) REFERENCES products (sku),
  INDEX (missing_col)
);
