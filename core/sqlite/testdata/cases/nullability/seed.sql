INSERT INTO users (id, email, name) VALUES (1, NULL, 'Ann'), (2, 'b@example.com', 'Bob');
