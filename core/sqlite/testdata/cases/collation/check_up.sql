SELECT id, name FROM tags WHERE name = 'red';
