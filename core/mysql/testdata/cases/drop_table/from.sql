CREATE TABLE users (
  id INT PRIMARY KEY,
  email VARCHAR(255) NOT NULL
);
CREATE TABLE audit_log (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  message TEXT NOT NULL,
  user_id INT,
  CONSTRAINT audit_log_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
