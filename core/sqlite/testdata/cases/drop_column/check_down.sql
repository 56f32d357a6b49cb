SELECT * FROM users;
SELECT * FROM accounts;
