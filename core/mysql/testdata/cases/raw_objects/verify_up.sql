SELECT COUNT(*) = 2 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME IN ('users_bi', 'users_bu');
SELECT COUNT(*) = 0 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'old_cleanup';
INSERT INTO users (id, email) VALUES (1, '  Ann@Example.COM ');
UPDATE users SET email = 'x@y.z' WHERE id = 1;
SELECT email = 'x@y.z' AND updated_count = 1 FROM users WHERE id = 1;
SELECT LENGTH(email_domain('a@b.org')) = 5;
DELETE FROM users;
