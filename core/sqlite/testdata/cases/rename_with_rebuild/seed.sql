INSERT INTO clients (id, label, amount) VALUES (1, 'Acme', '12.5'), (2, NULL, '3');
INSERT INTO invoices (id, client_id) VALUES (10, 1), (11, 2);
