INSERT INTO items VALUES (1, 5, 'c', 'short', '42', 'sad', 1, 9.99, 7, '2024-01-01 10:00:00');
