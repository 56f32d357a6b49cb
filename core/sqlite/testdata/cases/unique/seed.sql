INSERT INTO users (id, email, username, first, last) VALUES (1, 'a@example.com', 'ann', 'Ann', 'Lee');
