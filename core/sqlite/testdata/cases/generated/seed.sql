INSERT INTO people (id, first, last) VALUES (1, 'Ada', 'Lovelace');
INSERT INTO boxes (id, w, h) VALUES (1, 2, 3);
INSERT INTO crates (id, w, h) VALUES (1, 2, 3);
