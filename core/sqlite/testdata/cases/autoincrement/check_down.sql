SELECT id, name FROM users;
INSERT INTO logs (msg) VALUES ('after');
SELECT id, msg FROM logs ORDER BY id;
