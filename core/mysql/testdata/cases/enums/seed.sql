INSERT INTO tasks (id, status, priority, labels) VALUES (1, 'doing', 'high', 'bug,feature');
