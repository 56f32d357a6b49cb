-- Finds a user.
-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = @email;

-- name: Feed :many
SELECT p.id, p.title, u.name AS author, u.bio, c.body AS last_comment, count(*) OVER () AS total
FROM posts p
JOIN users u ON u.id = p.author_id
LEFT JOIN comments c ON c.post_id = p.id
LEFT JOIN users cu ON cu.id = c.user_id
WHERE p.author_id = ANY(@author_ids::bigint[]) AND p.published_at > @since
ORDER BY p.id DESC
LIMIT sqlc.arg(lim) OFFSET @off;

-- name: Stats :one
SELECT count(*) AS n, sum(score) AS total, avg(score), max(published_at), coalesce(sum(score), 0) AS total0
FROM posts WHERE author_id = $1;

-- name: PerAuthor :many
SELECT author_id, sum(score) AS total, min(title) FROM posts GROUP BY author_id;

-- name: Tree :many
WITH RECURSIVE tree AS (
  SELECT id, parent_id, body, 1 AS depth FROM comments WHERE parent_id IS NULL AND post_id = @post_id
  UNION ALL
  SELECT c.id, c.parent_id, c.body, t.depth + 1 FROM comments c JOIN tree t ON c.parent_id = t.id
)
SELECT * FROM tree;

-- name: CreatePost :one
INSERT INTO posts (author_id, title, body, tags, metadata) VALUES ($1, $2, $3, $4, $5)
RETURNING id, published_at;

-- name: Upsert :one
INSERT INTO users (email, name, bio) VALUES (@email, @name, sqlc.narg(bio))
ON CONFLICT (email) DO UPDATE SET name = excluded.name, bio = coalesce(excluded.bio, users.bio)
RETURNING *;

-- name: Touch :execrows
UPDATE users SET last_login_at = now(), bio = @bio WHERE id = @id;

-- name: Report :many
SELECT u.id, jsonb_build_object('name', u.name, 'posts', (SELECT jsonb_agg(p.title) FROM posts p WHERE p.author_id = u.id)) AS report,
       p.metadata->>'lang' AS lang, CASE WHEN u.role = 'admin' THEN 'A' ELSE 'B' END AS kind,
       CASE u.role WHEN 'guest' THEN 1 END AS guestish, u.balance::text AS bal, s.comment_count, s.last_comment_at,
       row_number() OVER (PARTITION BY u.id ORDER BY p.id) AS rn, lag(p.title) OVER (ORDER BY p.id) AS prev
FROM users u RIGHT JOIN posts p ON p.author_id = u.id LEFT JOIN post_stats s ON s.post_id = p.id
WHERE u.role = sqlc.arg(role) OR u.bio ILIKE '%' || @q || '%';

-- name: Union :many
SELECT id, name FROM users UNION SELECT id, NULL FROM posts;

-- name: Bad :many
SELECT nope, u.x FROM users u JOIN missing m ON true;

-- name: Unknown :one
SELECT my_func(1), $1 AS x;
