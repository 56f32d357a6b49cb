CREATE TABLE tasks (
  id INT PRIMARY KEY,
  status ENUM('todo', 'doing', 'done') NOT NULL DEFAULT 'todo',
  priority ENUM('low', 'medium', 'high', 'urgent'),
  labels SET('bug', 'feature')
);
