SELECT COUNT(*) = 1 FROM words WHERE word = 'apple';
SELECT COUNT(*) = 0 FROM words WHERE code = 'x1';
