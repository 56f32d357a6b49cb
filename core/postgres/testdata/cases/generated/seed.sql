INSERT INTO orders (id, price, qty, plain) VALUES (1, 2.50, 4, 7);
