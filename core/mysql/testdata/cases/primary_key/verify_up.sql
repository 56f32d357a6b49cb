SELECT COUNT(*) = 2 FROM events;
SELECT COUNT(*) = 1 FROM memberships WHERE role = 'admin';
SELECT COUNT(*) = 2 FROM tags WHERE id IS NOT NULL;
INSERT INTO tags (name) VALUES ('green');
SELECT COUNT(*) = 3 FROM tags;
