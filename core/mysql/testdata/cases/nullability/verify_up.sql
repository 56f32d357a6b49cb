INSERT INTO accounts (id, email) VALUES (2, 'c@d.e');
SELECT COUNT(*) = 2 FROM accounts;
DELETE FROM accounts WHERE id = 2;
