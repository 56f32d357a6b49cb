SELECT id, email, name, nick FROM users ORDER BY id;
