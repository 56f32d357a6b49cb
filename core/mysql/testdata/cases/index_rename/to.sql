CREATE TABLE logs (
  id INT PRIMARY KEY,
  level VARCHAR(10) NOT NULL,
  created_at DATETIME NOT NULL,
  KEY logs_level_created_idx (level, created_at)
);
