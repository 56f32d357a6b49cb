INSERT INTO accounts (id, email, balance) VALUES (1, 'a@example.com', 50), (2, NULL, 200);
INSERT INTO entries (id, account_id, amount) VALUES (1, 1, 10);
