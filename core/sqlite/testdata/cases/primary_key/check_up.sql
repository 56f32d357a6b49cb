SELECT user_id, group_id, role FROM memberships ORDER BY user_id, group_id;
SELECT id, name FROM tags ORDER BY id;
