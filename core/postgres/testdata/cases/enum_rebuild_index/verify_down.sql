SELECT count(*) = 1 FROM posts WHERE status = 'published';
SELECT count(*) = 2 FROM pg_indexes WHERE tablename = 'posts' AND indexname IN ('posts_published_idx', 'posts_status_title_idx');
