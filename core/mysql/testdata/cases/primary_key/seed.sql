INSERT INTO events (tenant_id, name) VALUES (1, 'a'), (2, 'b');
INSERT INTO memberships (user_id, group_id, role) VALUES (1, 10, 'admin');
INSERT INTO tags (name) VALUES ('red'), ('blue');
