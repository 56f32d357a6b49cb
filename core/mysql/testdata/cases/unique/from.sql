CREATE TABLE users (
  id INT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  username VARCHAR(50) NOT NULL UNIQUE,
  tenant_id INT NOT NULL,
  external_id VARCHAR(50),
  CONSTRAINT users_tenant_ext_uq UNIQUE (tenant_id, external_id)
);
