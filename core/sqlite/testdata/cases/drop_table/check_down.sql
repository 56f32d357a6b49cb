SELECT id, user_id, title, status, views FROM posts;
