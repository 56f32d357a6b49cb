INSERT INTO users (id, name) VALUES (1, 'Ann');
UPDATE users SET name = 'Anna' WHERE id = 1;
SELECT * FROM users;
SELECT msg FROM audit ORDER BY id;
