INSERT INTO posts (id) VALUES (2);
SELECT id, status, score, created_at IS NOT NULL AS has_created_at, ratio FROM posts ORDER BY id;
