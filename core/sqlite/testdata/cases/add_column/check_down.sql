SELECT * FROM users;
SELECT * FROM events;
