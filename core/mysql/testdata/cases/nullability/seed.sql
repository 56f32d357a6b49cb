INSERT INTO accounts (id, email, phone) VALUES (1, 'a@b.c', '123');
