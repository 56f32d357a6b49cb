INSERT INTO teams (id, name) VALUES (1, 'Core');
INSERT INTO employees (id, name, salary, manager_id, legacy_code) VALUES (1, 'Boss', '100', NULL, 'B'), (2, NULL, '50', 1, 'W');
