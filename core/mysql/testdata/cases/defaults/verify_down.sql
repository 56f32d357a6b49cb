SELECT COUNT(*) = 2 FROM orders;
