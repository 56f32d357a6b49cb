SELECT bio = 'hi' AND legacy_score = 0 FROM profiles WHERE id = 1;
