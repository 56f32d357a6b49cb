SELECT id, email, nickname, score, bio FROM users;
SELECT id, name, happened_at IS NOT NULL AS has_time, code FROM events;
