INSERT INTO entries (id, account_id, amount) VALUES (2, 1, 100);
SELECT * FROM accounts ORDER BY id;
SELECT * FROM rich_emails;
SELECT * FROM entries ORDER BY id;
SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name;
