SELECT count(*) = 2 FROM keep_me;
