SELECT id, full FROM people;
SELECT id, area FROM boxes;
SELECT id, perimeter FROM crates;
