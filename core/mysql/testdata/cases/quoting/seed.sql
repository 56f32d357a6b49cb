INSERT INTO `group` (id) VALUES (1);
