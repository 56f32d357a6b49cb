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

-- name: NestedJoin :many
SELECT u.id, p.title, c.body FROM users u LEFT JOIN (posts p JOIN comments c ON c.post_id = p.id) ON p.author_id = u.id;

-- name: FullJoin :many
SELECT u.id AS uid, p.id AS pid FROM users u FULL JOIN posts p ON p.author_id = u.id;

-- name: InnerAfterLeft :many
SELECT u.name, p.title, c.body FROM users u LEFT JOIN posts p ON p.author_id = u.id JOIN comments c ON c.post_id = p.id;

-- name: StarMixed :many
SELECT u.*, p.title FROM users u LEFT JOIN posts p ON p.author_id = u.id;

-- name: ScalarCount :one
SELECT (SELECT count(*) FROM posts) AS n, (SELECT title FROM posts LIMIT 1) AS first_title, EXISTS (SELECT 1 FROM posts) AS any;

-- name: InsertSelect :execrows
INSERT INTO comments (post_id, user_id, body) SELECT id, author_id, $1 FROM posts WHERE id = $2;

-- name: UpdateFrom :many
UPDATE posts SET score = p.score + 1 FROM posts p WHERE p.id = posts.id AND posts.author_id = @author RETURNING posts.id, posts.score;

-- name: DeleteUsing :exec
DELETE FROM comments c USING posts p WHERE c.post_id = p.id AND p.author_id = @author;

-- name: InsertDefault :one
INSERT INTO users (email, name, role) VALUES ($1, $2, DEFAULT) RETURNING id;

-- name: OptionalFilter :many
SELECT id FROM users WHERE (sqlc.narg(name)::text IS NULL OR name = sqlc.narg(name)) AND id IN (@a, @b);

-- name: ProvenNotNull :many
SELECT p.title, c.body FROM posts p LEFT JOIN comments c ON c.post_id = p.id WHERE c.body IS NOT NULL;

-- name: ChainedCte :many
WITH a AS (SELECT id, name FROM users), b AS (SELECT a.id, count(p.id) AS n FROM a LEFT JOIN posts p ON p.author_id = a.id GROUP BY a.id)
SELECT b.id, b.n, a.name FROM b JOIN a ON a.id = b.id;

-- name: Windowed :many
SELECT id, sum(score) OVER (PARTITION BY author_id ORDER BY id) AS running, rank() OVER w AS r, lead(title, 1, 'none') OVER w AS next_title
FROM posts WINDOW w AS (ORDER BY id);

-- name: Distinct :many
SELECT DISTINCT ON (author_id) author_id, title FROM posts ORDER BY author_id, id DESC;

-- name: Arrays :many
SELECT id, tags, tags[1] AS first_tag, array_length(tags, 1) AS n, unnest(tags) AS tag FROM posts WHERE @tag = ANY(tags);

-- name: Json :many
SELECT metadata -> 'a' AS a, metadata ->> 'b' AS b, metadata #>> '{c,d}' AS cd, jsonb_array_length(metadata -> 'list') AS len
FROM posts WHERE metadata @> @filter::jsonb;

-- name: Search :many
SELECT id, ts_rank(to_tsvector('english', title), plainto_tsquery('english', @q)) AS rank FROM posts
WHERE to_tsvector('english', title) @@ plainto_tsquery('english', @q) ORDER BY rank DESC;

-- name: Generated :many
SELECT g AS day FROM generate_series(1, 7) AS g;

-- name: Interval :one
SELECT now() - interval '1 day' AS yesterday, created_at + @delta::interval AS later, extract(epoch FROM created_at) AS epoch FROM users WHERE id = @id;

-- name: AnyCast :many
SELECT id FROM posts WHERE author_id = ANY($1::int[]);

-- name: UsingStar :many
SELECT * FROM posts p JOIN post_stats s ON s.post_id = p.id JOIN (SELECT id AS author_id, name FROM users) u USING (author_id);

-- name: FullUsing :many
SELECT * FROM (SELECT id, name FROM users) a FULL JOIN (SELECT id, title FROM posts) b USING (id);

-- name: NaturalStar :many
SELECT * FROM (SELECT id, email FROM users) a NATURAL JOIN (SELECT id, bio FROM users) b;
