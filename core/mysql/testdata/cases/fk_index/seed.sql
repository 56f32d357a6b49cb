INSERT INTO users (id) VALUES (1);
INSERT INTO posts (id, user_id, created_at) VALUES (1, 1, '2024-01-01 00:00:00');
