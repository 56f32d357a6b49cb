INSERT INTO orders (id, quantity) VALUES (1, 3);
