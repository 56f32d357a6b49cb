INSERT INTO people (id, name, mail) VALUES (1, 'Ann', 'a@example.com');
INSERT INTO notes (id, person_id, body) VALUES (1, 1, 'hi');
