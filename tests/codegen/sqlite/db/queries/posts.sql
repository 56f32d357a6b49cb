-- Posts: reading, the feed, writing.

-- name: GetPost :one
SELECT * FROM posts WHERE id = $1;

-- A post with its author and category (a post may have no category).
-- name: GetPostBySlug :one
SELECT p.*, u.username AS author_username, u.avatar_url AS author_avatar, c.name AS category_name
FROM posts p
JOIN users u ON u.id = p.author_id
LEFT JOIN categories c ON c.id = p.category_id
WHERE p.slug = @slug;

-- name: ListPublishedPosts :many
SELECT id, title, slug, excerpt, published_at, reading_minutes
FROM posts
WHERE status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT ? OFFSET ?;

-- name: ListPostsByAuthor :many
SELECT id, title, status, published_at, view_count
FROM posts
WHERE author_id = @author_id
ORDER BY created_at DESC
LIMIT @lim OFFSET @off;

-- The home feed: posts of followed accounts and one's own, with author, category and counts.
-- name: Feed :many
SELECT p.id,
       p.title,
       p.slug,
       p.excerpt,
       p.published_at,
       p.tags,
       u.id AS author_id,
       u.username AS author_username,
       u.avatar_url AS author_avatar,
       c.slug AS category_slug,
       coalesce(cc.comments, 0) AS comment_count,
       coalesce(lc.likes, 0) AS like_count,
       EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = @viewer_id) AS liked_by_viewer
FROM posts p
JOIN users u ON u.id = p.author_id
LEFT JOIN categories c ON c.id = p.category_id
LEFT JOIN (SELECT post_id, count(*) AS comments FROM comments GROUP BY post_id) cc ON cc.post_id = p.id
LEFT JOIN (SELECT post_id, count(*) AS likes FROM post_likes GROUP BY post_id) lc ON lc.post_id = p.id
WHERE p.status = 'published'
  AND (p.author_id = @viewer_id
       OR p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = @viewer_id))
ORDER BY p.published_at DESC, p.id DESC
LIMIT @page_size OFFSET @page_offset;

-- Posts with the newest comment, as a scalar subquery.
-- name: ListPostsWithLastComment :many
SELECT p.id,
       p.title,
       (SELECT c.body FROM comments c WHERE c.post_id = p.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS last_comment,
       (SELECT max(c.created_at) FROM comments c WHERE c.post_id = p.id) AS last_comment_at
FROM posts p
WHERE p.category_id = @category_id
ORDER BY p.id;

-- name: ListPostsByTag :many
SELECT p.id, p.title, p.slug, t.name AS tag, t.color
FROM posts p
INNER JOIN post_tags pt ON pt.post_id = p.id
INNER JOIN tags t ON t.id = pt.tag_id
WHERE t.name = @tag AND p.status = 'published'
ORDER BY p.published_at DESC;

-- Posts carrying any of the given tags (the JSON array column, read with json_each).
-- json_each values have no declared type: say what the list holds.
-- flash:param tags text
-- name: ListPostsWithAnyTag :many
SELECT id, title, tags, json_array_length(tags) AS tag_count
FROM posts
WHERE EXISTS (SELECT 1 FROM json_each(posts.tags) j WHERE j.value IN (sqlc.slice(tags)))
ORDER BY id;

-- name: ListPostsWithTag :many
SELECT id, title, json_array_length(tags) AS tag_count
FROM posts
WHERE instr(tags, '"' || @tag || '"') > 0
ORDER BY id;

-- The tag cloud of published posts.
-- name: TagCloud :many
SELECT t.name AS tag, count(*) AS uses
FROM (SELECT pt.tag_id FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE p.status = 'published') x
JOIN tags t ON t.id = x.tag_id
GROUP BY t.name
HAVING count(*) >= @min_uses
ORDER BY uses DESC, tag;

-- Tags of each post as a JSON array and as a list.
-- name: PostTagNames :many
SELECT id, json_group_array(name) AS tag_names, group_concat(name, ', ') AS tag_list
FROM (
    SELECT p.id, t.name
    FROM posts p
    JOIN post_tags pt ON pt.post_id = p.id
    JOIN tags t ON t.id = pt.tag_id
    WHERE p.author_id = @author_id
    ORDER BY p.id, t.name
) x
GROUP BY id
ORDER BY id;

-- Search without a full-text index: LIKE on the title, instr on the body, a crude score.
-- name: SearchPosts :many
SELECT id, title, excerpt,
       (CASE WHEN title LIKE '%' || @query || '%' THEN 2 ELSE 0 END)
       + (CASE WHEN instr(lower(body), lower(@query)) > 0 THEN 1 ELSE 0 END) AS score
FROM posts
WHERE (title LIKE '%' || @query || '%' OR instr(lower(body), lower(@query)) > 0)
  AND status = 'published'
ORDER BY score DESC, id;

-- name: SearchPostTitles :many
SELECT id, title, excerpt
FROM posts
WHERE title LIKE '%' || sqlc.arg(fragment) || '%' OR excerpt LIKE '%' || sqlc.arg(fragment) || '%'
ORDER BY id
LIMIT 20;

-- Reads the JSON metadata of posts. ->> and json_extract return whatever SQL type the JSON
-- value has, so text fields are cast.
-- name: PostMetadata :many
SELECT id,
       CAST(metadata ->> '$.lang' AS TEXT) AS lang,
       metadata -> '$.seo' AS seo,
       CAST(json_extract(metadata, '$.seo.title') AS TEXT) AS seo_title,
       CAST(metadata ->> '$.reading_time' AS INTEGER) AS reading_time,
       coalesce(metadata ->> '$.featured', 0) = 1 AS featured
FROM posts
WHERE json_extract(metadata, '$.lang') IS NOT NULL
ORDER BY id;

-- name: ListPostsByLanguage :many
SELECT id, title, metadata
FROM posts
WHERE CAST(metadata ->> 'lang' AS TEXT) = @lang
ORDER BY id;

-- Previous and next post of each author, by publication date.
-- name: AuthorPostNeighbours :many
SELECT id,
       title,
       published_at,
       lag(title) OVER w AS previous_title,
       lead(title) OVER w AS next_title,
       row_number() OVER w AS nth
FROM posts
WHERE status = 'published' AND author_id = @author_id
WINDOW w AS (ORDER BY published_at, id)
ORDER BY published_at, id;

-- The most viewed posts of each category.
-- name: TopPostsPerCategory :many
WITH ranked AS (
    SELECT p.id, p.title, p.category_id, p.view_count,
           rank() OVER (PARTITION BY p.category_id ORDER BY p.view_count DESC) AS rnk
    FROM posts p
    WHERE p.status = 'published' AND p.category_id IS NOT NULL
)
SELECT r.id, r.title, c.name AS category, r.view_count, r.rnk
FROM ranked r
JOIN categories c ON c.id = r.category_id
WHERE r.rnk <= @top_n
ORDER BY c.name, r.rnk, r.id;

-- Counters from the view.
-- name: PopularPosts :many
SELECT s.post_id, p.title, s.comment_count, s.like_count, s.last_comment_at
FROM post_stats s
JOIN posts p ON p.id = s.post_id
WHERE s.like_count >= @min_likes
ORDER BY s.like_count DESC, s.post_id;

-- name: PostStats :one
SELECT * FROM post_stats WHERE post_id = @post_id;

-- name: DistinctAuthorsInCategory :many
SELECT DISTINCT u.id, u.username
FROM posts p
JOIN users u ON u.id = p.author_id
WHERE p.category_id IN (sqlc.slice(category_ids))
ORDER BY u.username;

-- name: CreatePost :one
INSERT INTO posts (author_id, category_id, title, slug, body, excerpt, metadata, tags, created_at)
VALUES (@author_id, sqlc.narg(category_id), @title, @slug, @body, sqlc.narg(excerpt), sqlc.narg(metadata), @tags, @created_at)
RETURNING id, slug, status, created_at;

-- name: PublishPost :one
UPDATE posts
SET status = 'published', published_at = @published_at, updated_at = @published_at
WHERE id = @id AND status = 'draft'
RETURNING *;

-- Timestamps are compared through datetime(), which accepts any ISO-8601 spelling.
-- name: ArchivePostsBefore :execrows
UPDATE posts SET status = 'archived', updated_at = @archived_at
WHERE status = 'published' AND published_at < datetime(@before);

-- name: IncrementViewCount :exec
UPDATE posts SET view_count = view_count + 1 WHERE id = ?;

-- name: AddPostTag :batchexec
INSERT INTO post_tags (post_id, tag_id) VALUES (@post_id, @tag_id);

-- name: ListPostTitlesByAuthors :batchmany
SELECT id, title, published_at FROM posts WHERE author_id = @author_id ORDER BY id;

-- name: DeleteDraft :one
DELETE FROM posts WHERE id = @id AND status = 'draft'
RETURNING id, title;
