package main

// The SQL text of the hand-written side: byte for byte what the generated code sends (the
// `-- name:` line and the spelled-out `*` included), so that the comparison measures the code
// around the driver call and nothing else. Both sides share the driver's statement cache.

const sqlCreateUser = `-- name: CreateUser :one
INSERT INTO users (email, name, bio) VALUES ($1, $2, $3)
RETURNING id, email, name, bio, active, created_at
`

const sqlGetUser = `-- name: GetUser :one
SELECT users.id, users.email, users.name, users.bio, users.active, users.created_at FROM users WHERE id = $1
`

const sqlCreateCategory = `-- name: CreateCategory :one
INSERT INTO categories (name, slug) VALUES ($1, $2)
RETURNING id
`

const sqlCreatePost = `-- name: CreatePost :one
INSERT INTO posts (author_id, category_id, title, body, published_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
`

const sqlCreateComment = `-- name: CreateComment :exec
INSERT INTO comments (post_id, author_id, body) VALUES ($1, $2, $3)
`

const sqlGetPost = `-- name: GetPost :one
SELECT posts.id, posts.author_id, posts.category_id, posts.title, posts.body, posts.views, posts.published_at, posts.created_at FROM posts WHERE id = $1
`

const sqlListCommentsByPost = `-- name: ListCommentsByPost :many
SELECT id, author_id, body, created_at FROM comments
WHERE post_id = $1
ORDER BY id
`

const sqlAddPostView = `-- name: AddPostView :execrows
UPDATE posts SET views = views + 1 WHERE id = $1
`

const sqlCategoryAuthorStats = `-- name: CategoryAuthorStats :many
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
WHERE c.id = $1
GROUP BY c.id, c.name, u.id, u.name
ORDER BY posts DESC, u.id
LIMIT $2
`
