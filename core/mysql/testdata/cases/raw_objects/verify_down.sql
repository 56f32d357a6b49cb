SELECT COUNT(*) = 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = 'users_bi';
SELECT COUNT(*) = 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'old_cleanup';
SELECT COUNT(*) = 0 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'email_domain';
INSERT INTO users (id, email) VALUES (2, 'BOB@X.IO');
SELECT email = 'bob@x.io' FROM users WHERE id = 2;
