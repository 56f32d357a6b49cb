INSERT INTO people (id, fullname, mail) VALUES (1, 'Ann Lee', 'ann@example.com');
INSERT INTO notes (id, person_id, body) VALUES (1, 1, 'hello');
