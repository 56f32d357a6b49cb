INSERT INTO diary VALUES (1, 'sad'), (2, DEFAULT);
