-- Categories, tags, comments and likes.

-- The whole category tree with depth and path, from a recursive CTE.
-- name: CategoryTree :many
WITH RECURSIVE tree AS (
    SELECT id, parent_id, name, slug, 1 AS depth, name::text AS path
    FROM categories
    WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.slug, t.depth + 1, t.path || ' / ' || c.name
    FROM categories c
    JOIN tree t ON c.parent_id = t.id
)
SELECT id, parent_id, name, slug, depth, path
FROM tree
ORDER BY path;

-- The ancestors of a category, nearest first.
-- name: CategoryAncestors :many
WITH RECURSIVE up AS (
    SELECT id, parent_id, name, 0 AS distance FROM categories WHERE id = @category_id
    UNION ALL
    SELECT c.id, c.parent_id, c.name, up.distance + 1
    FROM categories c
    JOIN up ON c.id = up.parent_id
)
SELECT id, name, distance FROM up WHERE distance > 0 ORDER BY distance;

-- Each category with its parent's name (self join).
-- name: ListCategories :many
SELECT c.id, c.name, c.slug, c.position, c.description, parent.name AS parent_name
FROM categories c
LEFT JOIN categories parent ON parent.id = c.parent_id
ORDER BY c.position NULLS LAST, c.id;

-- Every category with its number of posts, empty categories included (RIGHT JOIN).
-- name: CategoryPostCounts :many
SELECT c.id, c.name, count(p.id) AS posts, max(p.published_at) AS last_published_at
FROM posts p
RIGHT JOIN categories c ON c.id = p.category_id
GROUP BY c.id, c.name
ORDER BY c.id;

-- Posts and categories side by side: posts without a category and categories without posts.
-- name: PostsAndCategories :many
SELECT p.id AS post_id, p.title, c.id AS category_id, c.name AS category_name
FROM posts p
FULL OUTER JOIN categories c ON c.id = p.category_id
WHERE p.id IS NULL OR c.id IS NULL
ORDER BY p.id NULLS FIRST, c.id;

-- name: CreateCategory :one
INSERT INTO categories (parent_id, name, slug, position, description)
VALUES (sqlc.narg(parent_id), sqlc.arg(name), sqlc.arg(slug), sqlc.narg(position), sqlc.narg(description))
RETURNING *;

-- name: MoveCategory :execrows
UPDATE categories SET parent_id = sqlc.narg(parent_id) WHERE id = sqlc.arg(id);

-- name: ListTags :many
SELECT * FROM tags ORDER BY name;

-- Tags with usage counts; unused tags included.
-- name: TagUsage :many
SELECT t.id, t.name, coalesce(t.color, '#999999') AS color, count(pt.post_id) AS posts
FROM tags t
LEFT JOIN post_tags pt ON pt.tag_id = t.id
GROUP BY t.id, t.name, t.color
ORDER BY posts DESC, t.name;

-- Bulk insert of tags.
-- name: CopyTags :copyfrom
INSERT INTO tags (name, color) VALUES ($1, $2);

-- name: UpsertTag :one
INSERT INTO tags (name, color) VALUES (@name, sqlc.narg(color))
ON CONFLICT (name) DO UPDATE SET color = coalesce(EXCLUDED.color, tags.color)
RETURNING id, name, color;

-- Comments of a post with their authors (deleted authors are NULL) and the replied-to
-- comment's author: a LEFT JOIN to a nested inner join.
-- name: ListCommentsForPost :many
SELECT c.id, c.parent_id, c.body, c.is_edited, c.created_at,
       a.username AS author_username,
       pa.username AS replying_to
FROM comments c
LEFT JOIN users a ON a.id = c.author_id
LEFT JOIN (comments parent JOIN users pa ON pa.id = parent.author_id) ON parent.id = c.parent_id
WHERE c.post_id = @post_id
ORDER BY c.created_at, c.id;

-- Replies and the post they belong to: a LEFT JOIN then an INNER JOIN on its nullable side.
-- name: ListRepliesWithParents :many
SELECT c.id, c.body, parent.id AS parent_id, parent.body AS parent_body, pp.title AS post_title
FROM comments c
LEFT JOIN comments parent ON parent.id = c.parent_id
JOIN posts pp ON pp.id = parent.post_id
WHERE pp.author_id = @author_id
ORDER BY c.id;

-- A comment thread as a tree.
-- name: CommentThread :many
WITH RECURSIVE thread AS (
    SELECT id, parent_id, author_id, body, created_at, 0 AS depth, ARRAY[id] AS path
    FROM comments
    WHERE post_id = @post_id AND parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.author_id, c.body, c.created_at, t.depth + 1, t.path || c.id
    FROM comments c
    JOIN thread t ON c.parent_id = t.id
)
SELECT id, parent_id, author_id, body, created_at, depth
FROM thread
ORDER BY path;

-- name: AddComment :one
INSERT INTO comments (post_id, author_id, parent_id, body, created_at)
VALUES (@post_id, sqlc.narg(author_id), sqlc.narg(parent_id), @body, @created_at)
RETURNING *;

-- name: EditComment :execrows
UPDATE comments SET body = @body, is_edited = true WHERE id = @id AND author_id = @author_id;

-- name: DeleteComment :one
DELETE FROM comments WHERE id = $1 RETURNING id, post_id, parent_id;

-- name: LikePost :execresult
INSERT INTO post_likes (user_id, post_id, created_at) VALUES (@user_id, @post_id, @liked_at)
ON CONFLICT DO NOTHING;

-- name: UnlikePost :exec
DELETE FROM post_likes WHERE user_id = @user_id AND post_id = @post_id;

-- Who liked a post and who commented on it, as one list.
-- name: PostParticipants :many
SELECT l.user_id FROM post_likes l WHERE l.post_id = @post_id
UNION
SELECT c.author_id FROM comments c WHERE c.post_id = @post_id AND c.author_id IS NOT NULL
ORDER BY 1;

-- Each commenter's comments ranked by length, the longest per user.
-- name: LongestCommentPerUser :many
SELECT author_id, id, length(body) AS chars
FROM (
    SELECT author_id, id, body,
           row_number() OVER (PARTITION BY author_id ORDER BY length(body) DESC, id) AS rn
    FROM comments
    WHERE author_id IS NOT NULL
) ranked
WHERE rn = 1
ORDER BY author_id;
