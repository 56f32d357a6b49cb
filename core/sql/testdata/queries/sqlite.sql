-- name: GetUser :one
SELECT * FROM users WHERE id = ?1 OR parent_id = ?1;

-- name: Search :many
SELECT * FROM users WHERE name LIKE '%' || @q || '%' AND id IN (sqlc.slice(ids));

-- name: InsertMany :copyfrom
INSERT INTO users (email, name) VALUES (?, ?);

-- name: Touch :exec
CREATE TRIGGER IF NOT EXISTS t AFTER UPDATE ON users BEGIN UPDATE users SET n = n + 1; END;
