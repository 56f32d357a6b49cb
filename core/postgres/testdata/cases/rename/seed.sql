INSERT INTO people (mail, name) VALUES ('a@x', 'Ann');
INSERT INTO pets VALUES (1, 1);
