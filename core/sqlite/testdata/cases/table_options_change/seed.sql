INSERT INTO measurements (id, value) VALUES (1, 2.5);
INSERT INTO counters (name, n) VALUES ('visits', 3);
