INSERT INTO clients (id, label, amount) VALUES (1, 'Acme', '12.5'), (2, NULL, '3');
