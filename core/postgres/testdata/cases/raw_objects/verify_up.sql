INSERT INTO audit DEFAULT VALUES;
SELECT touched_at IS NOT NULL AND add_two(1, 2) = 3 FROM audit;
