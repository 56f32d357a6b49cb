INSERT INTO notes VALUES (1, 't', 'b');
