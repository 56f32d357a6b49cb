SELECT count(*) = 1 FROM posts WHERE status = 'published';
