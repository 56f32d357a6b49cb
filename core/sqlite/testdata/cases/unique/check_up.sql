INSERT INTO users (id, email, username, first, last) VALUES (2, 'b@example.com', 'bob', 'Bob', 'Ray');
SELECT * FROM users ORDER BY id;
SELECT name, origin, "unique" FROM pragma_index_list('users') ORDER BY name;
