INSERT INTO `order` (`key`, `select`, `group id`) VALUES (1, 2, 1);
SELECT `desc` = 'it''s' FROM `where` WHERE `key` = 1;
DELETE FROM `order`;
