CREATE TABLE `group` (
  id INT PRIMARY KEY,
  `order` INT NOT NULL DEFAULT 0
);
CREATE TABLE `order` (
  `key` INT PRIMARY KEY,
  `desc` VARCHAR(10) NOT NULL DEFAULT 'it''s',
  `select` INT,
  `group id` INT,
  KEY `index` (`desc`),
  CONSTRAINT `check` CHECK (`select` > 0),
  CONSTRAINT `order group` FOREIGN KEY (`group id`) REFERENCES `group` (id)
) COMMENT='orders (reserved words everywhere)';
CREATE VIEW `where` AS SELECT `key`, `desc` FROM `order` WHERE `select` > 1;
