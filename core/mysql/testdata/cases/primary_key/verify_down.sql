SELECT COUNT(*) = 2 FROM events;
SELECT COUNT(*) = 3 FROM tags;
