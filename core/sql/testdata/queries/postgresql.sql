-- Users, by the address they sign in with.
-- The address is compared as stored.
-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = @email;

-- name: ListPosts :many
SELECT p.id, p.title
FROM posts p
WHERE p.author_id = $1 AND p.created_at > $2 AND p.tags ? 'go'
ORDER BY p.created_at DESC
LIMIT $3;

-- name: UpdateName :execrows
UPDATE users SET name = sqlc.arg(name), bio = sqlc.narg(bio)
WHERE id = sqlc.arg(id) AND '@not_a_param' <> name; -- @nor_this

-- name: UsersByIds :many
SELECT * FROM users WHERE id = ANY(@ids) AND @ids IS NOT NULL;

-- name: DeleteOld :exec
DELETE FROM sessions WHERE expires_at < now();
