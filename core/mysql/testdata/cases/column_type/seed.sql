INSERT INTO products (id, stock, code, price, title, weight) VALUES (1, 5, 'AB-1', 9.99, 'Widget', 1.5);
