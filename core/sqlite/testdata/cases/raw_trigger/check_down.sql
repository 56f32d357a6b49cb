INSERT INTO users (id, name) VALUES (2, 'Bob');
DELETE FROM users WHERE id = 2;
SELECT msg FROM audit ORDER BY id;
