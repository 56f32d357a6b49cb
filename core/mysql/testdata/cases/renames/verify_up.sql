SELECT COUNT(*) = 1 FROM customers WHERE full_name = 'Ann Lee' AND email = 'ann@example.com';
SELECT COUNT(*) = 1 FROM notes WHERE customer_id = 1 AND body = 'hello';
