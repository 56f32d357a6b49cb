INSERT INTO profiles (id, bio, legacy_score) VALUES (1, 'hi', 3);
