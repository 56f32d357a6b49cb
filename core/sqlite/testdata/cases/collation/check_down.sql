SELECT count(*) AS case_sensitive_matches FROM tags WHERE name = 'red';
