SELECT (SELECT n FROM old_report) = 2 AND (SELECT address FROM emails WHERE user_id = 1) = 'a@x';
