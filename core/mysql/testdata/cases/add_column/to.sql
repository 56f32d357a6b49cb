CREATE TABLE users (
  id INT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  nickname VARCHAR(50),
  login_count INT NOT NULL DEFAULT 0,
  settings JSON,
  last_seen_at DATETIME
);
