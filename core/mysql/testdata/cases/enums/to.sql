CREATE TABLE tasks (
  id INT PRIMARY KEY,
  status ENUM('todo', 'doing', 'done', 'archived') NOT NULL DEFAULT 'todo',
  priority ENUM('low', 'medium', 'high'),
  labels SET('bug', 'feature', 'chore'),
  kind ENUM('a', 'b') NOT NULL DEFAULT 'a'
);
