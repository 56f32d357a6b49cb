INSERT INTO words (id, word, code) VALUES (1, 'Apple', 'X1');
