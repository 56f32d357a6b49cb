SELECT id, name FROM users;
SELECT id, msg FROM logs ORDER BY id;
SELECT name, seq FROM sqlite_sequence ORDER BY name;
