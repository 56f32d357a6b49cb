CREATE TABLE accounts (
  id INT PRIMARY KEY,
  email VARCHAR(255),
  phone VARCHAR(30) NOT NULL
);
