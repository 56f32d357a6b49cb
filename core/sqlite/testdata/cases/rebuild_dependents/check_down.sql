DELETE FROM accounts WHERE id = 2;
SELECT * FROM accounts ORDER BY id;
SELECT * FROM rich_emails;
SELECT * FROM entries ORDER BY id;
