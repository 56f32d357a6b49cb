INSERT INTO memberships VALUES (1, 1), (2, 1);
INSERT INTO events VALUES (1, 'a');
INSERT INTO tags VALUES (1, 't');
