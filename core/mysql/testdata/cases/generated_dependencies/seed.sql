INSERT INTO items (id, qty, gone) VALUES (1, 4, 10);
