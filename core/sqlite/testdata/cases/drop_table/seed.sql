INSERT INTO users (id, email) VALUES (1, 'a@example.com');
INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'Hello');
