INSERT INTO users (id, email) VALUES (1, 'a@b.c');
INSERT INTO posts (id, user_id) VALUES (1, 1);
