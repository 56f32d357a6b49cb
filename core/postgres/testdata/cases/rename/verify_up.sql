INSERT INTO persons (email, name) VALUES ('b@x', 'Bob');
SELECT (SELECT email FROM persons WHERE id = 1) = 'a@x' AND (SELECT person_id FROM pets) = 1 AND (SELECT max(id) FROM persons) = 2;
