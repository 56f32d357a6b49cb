SELECT COUNT(*) = 1 FROM products WHERE stock = 5 AND code = 'AB-1' AND price = 9.99 AND title = 'Widget' AND weight = 1.5;
