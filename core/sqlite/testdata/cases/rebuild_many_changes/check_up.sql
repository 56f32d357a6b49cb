SELECT id, name, salary, typeof(salary), manager_id, team_id, email FROM employees ORDER BY id;
DELETE FROM employees WHERE id = 1;
SELECT id, manager_id FROM employees ORDER BY id;
