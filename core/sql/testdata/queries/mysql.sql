-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: ByIds :many
SELECT * FROM users WHERE id IN (sqlc.slice(ids)) AND status = sqlc.arg(status);

-- name: CreateUser :execlastid
INSERT INTO users (email, name) VALUES (@email, @name);

-- name: Session :one
SELECT @@session.time_zone AS tz, ? AS a, ? AS b;

-- name: Search :many
SELECT * FROM users WHERE name LIKE CONCAT('%', @q, '%');
