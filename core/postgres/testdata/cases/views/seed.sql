INSERT INTO users VALUES (1, 'a@x', true, 50), (2, 'b@x', false, 5);
