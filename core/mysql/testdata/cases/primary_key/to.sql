CREATE TABLE events (
  id INT NOT NULL AUTO_INCREMENT,
  tenant_id INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  PRIMARY KEY (id, tenant_id)
);
CREATE TABLE memberships (
  user_id INT NOT NULL,
  group_id INT NOT NULL,
  role VARCHAR(20),
  PRIMARY KEY (user_id, group_id)
);
CREATE TABLE tags (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL UNIQUE
);
