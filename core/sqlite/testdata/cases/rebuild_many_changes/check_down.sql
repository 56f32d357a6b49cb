SELECT * FROM employees ORDER BY id;
