INSERT INTO measurements VALUES (1, 5, 'x');
