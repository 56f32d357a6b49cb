SELECT * FROM active_users;
SELECT * FROM user_emails;
SELECT n FROM user_count;
