INSERT INTO counters (name) VALUES ('visits');
INSERT INTO measurements (id, value, note) VALUES (1, 2.5, x'01');
SELECT name, type, wr, strict FROM pragma_table_list WHERE name IN ('counters', 'measurements') ORDER BY name;
