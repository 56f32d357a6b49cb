INSERT INTO users (id, name) VALUES (5, 'Ann');
INSERT INTO logs (msg) VALUES ('a'), ('b'), (NULL);
DELETE FROM logs WHERE id = 3;
