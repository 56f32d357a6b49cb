SELECT count(*) = 1 FROM published_posts;
SELECT (SELECT status::text FROM posts WHERE id = 2) = 'published' AND (SELECT history::text FROM posts WHERE id = 2) = '{draft,published}';
