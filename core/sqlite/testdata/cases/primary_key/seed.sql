INSERT INTO memberships (user_id, group_id, role) VALUES (1, 10, 'admin'), (2, 10, 'member');
INSERT INTO tags (name, id) VALUES ('red', 1), ('blue', 2);
