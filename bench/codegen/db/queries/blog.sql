-- The queries of the runtime-overhead benchmark (bench/codegen/README.md).

-- name: CreateUser :one
INSERT INTO users (email, name, bio) VALUES ($1, $2, $3)
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: CreateCategory :one
INSERT INTO categories (name, slug) VALUES ($1, $2)
RETURNING id;

-- name: CreatePost :one
INSERT INTO posts (author_id, category_id, title, body, published_at)
VALUES (@author_id, @category_id, @title, @body, sqlc.narg(published_at))
RETURNING id;

-- name: CreateComment :exec
INSERT INTO comments (post_id, author_id, body) VALUES (@post_id, sqlc.narg(author_id), @body);

-- name: GetPost :one
SELECT * FROM posts WHERE id = $1;

-- name: ListCommentsByPost :many
SELECT id, author_id, body, created_at FROM comments
WHERE post_id = $1
ORDER BY id;

-- name: AddPostView :execrows
UPDATE posts SET views = views + 1 WHERE id = $1;

-- Authors of a category with their post and comment counts (4 tables, aggregates).
-- name: CategoryAuthorStats :many
SELECT c.id AS category_id,
       c.name AS category_name,
       u.id AS author_id,
       u.name AS author_name,
       count(DISTINCT p.id) AS posts,
       count(cm.id) AS comments,
       max(cm.created_at) AS last_comment_at,
       sum(p.views) AS total_views
FROM categories c
JOIN posts p ON p.category_id = c.id
JOIN users u ON u.id = p.author_id
LEFT JOIN comments cm ON cm.post_id = p.id
WHERE c.id = @category_id
GROUP BY c.id, c.name, u.id, u.name
ORDER BY posts DESC, u.id
LIMIT @lim;
