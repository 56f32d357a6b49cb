INSERT INTO users (id, email, legacy, tag) VALUES (1, 'a@example.com', 'x', 't');
INSERT INTO accounts (id, name, old_code) VALUES (1, 'Acme', 'A1');
