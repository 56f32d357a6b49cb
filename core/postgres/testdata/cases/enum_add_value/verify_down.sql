SELECT count(*) = 2 AND bool_or(mood = 'sad') FROM diary;
