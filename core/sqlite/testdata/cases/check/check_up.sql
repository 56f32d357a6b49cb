INSERT INTO products (id, price, qty) VALUES (2, 0.5, 5);
SELECT * FROM products ORDER BY id;
