INSERT INTO users (id, email, name, active) VALUES (1, 'a@example.com', 'Ann', 1), (2, 'b@example.com', 'Bob', 0);
