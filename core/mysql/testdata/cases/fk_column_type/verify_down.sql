SELECT COUNT(*) = 1 FROM posts p JOIN users u ON u.id = p.user_id;
DELETE FROM users WHERE id = 1;
SELECT COUNT(*) = 0 FROM posts;
INSERT INTO users (id, email) VALUES (1, 'a@b.c');
INSERT INTO posts (id, user_id) VALUES (1, 1);
