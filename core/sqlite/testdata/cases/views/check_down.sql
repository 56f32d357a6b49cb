SELECT * FROM active_users;
SELECT * FROM old_view;
