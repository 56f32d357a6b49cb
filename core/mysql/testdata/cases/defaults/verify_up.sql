INSERT INTO orders (id) VALUES (2);
SELECT status = 'pending' AND quantity = 1 AND token IS NOT NULL AND note IS NULL AND discount = 0.5 AND placed_at IS NOT NULL FROM orders WHERE id = 2;
SELECT status = 'new' AND quantity = 3 FROM orders WHERE id = 1;
