CREATE TABLE accounts (
  id INT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  phone VARCHAR(30)
);
