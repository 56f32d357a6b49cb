INSERT INTO authors (id, name) VALUES (1, 'Ann');
INSERT INTO posts (id, author_id, title) VALUES (1, 1, 'Hello');
INSERT INTO comments (id, post_id, author_id, body) VALUES (1, 1, 1, 'Nice');
DELETE FROM posts WHERE id = 1;
SELECT count(*) AS comments_left FROM comments;
