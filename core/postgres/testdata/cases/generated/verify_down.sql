SELECT total = 10 AND label = '#1' AND plain = 3.50 FROM orders WHERE id = 1;
