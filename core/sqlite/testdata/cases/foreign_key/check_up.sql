DELETE FROM users WHERE id = 2;
SELECT id, user_id, editor_id, org_id, org_region, reviewer_id FROM posts;
SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('posts') ORDER BY id, seq;
