INSERT INTO products (id, price, qty) VALUES (1, 9.5, 3);
