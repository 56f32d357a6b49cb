SELECT id, full FROM people;
SELECT * FROM boxes;
SELECT * FROM crates;
