-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: ByIds :many
SELECT id, email FROM users WHERE id IN (sqlc.slice(ids)) AND status = sqlc.arg(status);

-- name: Totals :many
SELECT u.id, u.name, COUNT(o.id) AS orders, SUM(o.total) AS spent, MAX(o.placed_at) AS last_order,
       JSON_EXTRACT(u.settings, '$.theme') AS theme, u.settings->>'$.lang' AS lang, IFNULL(o.note, '') AS note,
       o.total / 2 AS half
FROM users u LEFT JOIN orders o ON o.user_id = u.id
GROUP BY u.id, u.name, u.settings, o.note, o.total
HAVING COUNT(o.id) > ?
LIMIT ?, ?;

-- name: AddUser :execlastid
INSERT INTO users (email, name, bio) VALUES (?, ?, ?);

-- name: UpsertUser :exec
INSERT INTO users (email, name) VALUES (@email, @name)
ON DUPLICATE KEY UPDATE name = VALUES(name);

-- name: DeleteOld :execrows
DELETE FROM orders WHERE placed_at < ? LIMIT 100;

-- name: Durations :many
SELECT TIMESTAMPDIFF(SECOND, o.placed_at, NOW()) AS age, TIMEDIFF(NOW(), o.placed_at) AS td,
       JSON_VALUE(u.settings, '$.lang') AS lang, TIMESTAMPADD(DAY, 1, o.placed_at) AS tomorrow
FROM orders o JOIN users u ON u.id = o.user_id;

-- name: Casts :many
SELECT CAST(u.is_admin AS SIGNED) AS a, CAST(u.id AS UNSIGNED) AS b, CAST(u.balance AS CHAR) AS c, CAST(u.settings->>'$.n' AS DECIMAL(10,2)) AS d FROM users u;

-- name: IntervalOfNull :many
SELECT DATE_ADD(o.placed_at, INTERVAL o.note DAY) AS later, DATE_ADD(o.placed_at, INTERVAL 1 DAY) AS tomorrow FROM orders o;
