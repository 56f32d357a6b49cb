SELECT COUNT(*) = 1 FROM samples;
