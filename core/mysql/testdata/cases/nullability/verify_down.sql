SELECT COUNT(*) = 1 FROM accounts WHERE phone = '123';
