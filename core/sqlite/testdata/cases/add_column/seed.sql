INSERT INTO users (id, email) VALUES (1, 'a@example.com');
INSERT INTO events (id, name) VALUES (1, 'launch');
