SELECT (SELECT count(*) FROM active_users) = 1 AND (SELECT count(*) FROM top_users) = 1 AND (SELECT top FROM user_stats WHERE active) = 50;
