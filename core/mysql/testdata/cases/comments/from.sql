CREATE TABLE customers (
  id INT PRIMARY KEY,
  name VARCHAR(100) NOT NULL COMMENT 'full name',
  vip BOOLEAN NOT NULL DEFAULT FALSE
) COMMENT='people who buy';
