SELECT 1;

-- name: NoCommand
SELECT 2;

-- name: Bad :sometimes
SELECT 3;

-- name: 1stQuery :one
SELECT 4;

-- name: Two :exec
SELECT 5;
SELECT 6;

-- name: Mixed :one
SELECT * FROM t WHERE a = $1 AND b = @b;

-- name: Holes :one
SELECT * FROM t WHERE a = $1 AND b = $3;

-- name: Slice :many
SELECT * FROM t WHERE id IN (sqlc.slice(ids));

-- name: Empty :exec

-- name: Two :one
SELECT 7;
