INSERT INTO items (id, price, qty, code, note) VALUES (1, '9.50', '3', 42, 'n');
