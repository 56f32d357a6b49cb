-- name: GetUser :one
SELECT * FROM users WHERE id = ?1;

-- name: Search :many
SELECT u.id, u.name, n.body, json_extract(n.data, '$.x') AS x
FROM users u LEFT JOIN notes n ON n.user_id = u.id
WHERE u.name LIKE @pattern AND u.id IN (sqlc.slice(ids));

-- name: Cast :many
SELECT CAST(json_extract(n.data, '$.x') AS TEXT) AS x, n.data ->> '$.y' AS y, count(*) AS c, total(u.score) AS t, datetime('now') AS now
FROM notes n JOIN users u ON u.id = n.user_id;

-- flash:column y text not null
-- name: Override :many
SELECT n.data ->> '$.y' AS y FROM notes n;

-- name: AddNote :one
INSERT INTO notes (user_id, body, data) VALUES (?, ?, ?) RETURNING id, data;

-- name: Rename :execrows
UPDATE users SET name = @name, bio = NULL WHERE id = @id RETURNING id;

-- name: JsonEach :many
SELECT n.id, CAST(j.value AS TEXT) AS tag, j.key FROM notes n, json_each(n.data) AS j WHERE j.type = 'text';

-- name: IntervalNull :many
SELECT id FROM users WHERE created_at > datetime('now', '-1 day');

-- name: UsingStar :many
SELECT * FROM users JOIN notes ON notes.user_id = users.id JOIN (SELECT id AS user_id, name AS again FROM users) x USING (user_id);
