SELECT bio = 'hi' FROM profiles WHERE id = 1;
