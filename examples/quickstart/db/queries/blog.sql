-- The quick start queries: flash gen turns each into a typed function.

-- name: CreateUser :one
INSERT INTO users (email, name) VALUES (@email, @name) RETURNING *;

-- name: CreatePost :execlastid
INSERT INTO posts (user_id, title, body, published) VALUES (@user_id, @title, sqlc.narg(body), @published);

-- Each user with their number of posts and latest title (NULL when they wrote none).
-- name: UserSummaries :many
SELECT u.id, u.name, count(p.id) AS posts, max(p.title) AS latest_title
FROM users u LEFT JOIN posts p ON p.user_id = u.id
GROUP BY u.id, u.name
ORDER BY u.id;

-- name: PublishedPosts :many
SELECT * FROM published_posts ORDER BY id;
