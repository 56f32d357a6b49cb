CREATE TABLE accounts (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0,
  updated_at DATETIME
);

CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
FOR EACH ROW
BEGIN
  IF NEW.balance < 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative; balance';
  END IF;
  SET NEW.updated_at = CASE WHEN NEW.balance = OLD.balance THEN OLD.updated_at ELSE NOW() END;
END;

CREATE DEFINER=`root`@`localhost` TRIGGER `accounts_audit` AFTER INSERT ON `accounts` FOR EACH ROW INSERT INTO audit_log (msg) VALUES ('insert');

CREATE PROCEDURE add_interest(IN rate DECIMAL(5,4), OUT changed INT)
BEGIN
  DECLARE done INT DEFAULT 0;
  WHILE done < 1 DO
    UPDATE accounts SET balance = balance * (1 + rate);
    SET done = done + 1;
  END WHILE;
  SELECT ROW_COUNT() INTO changed;
END;

CREATE FUNCTION double_it(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;

CREATE EVENT IF NOT EXISTS nightly ON SCHEDULE EVERY 1 DAY DO
  BEGIN
    DELETE FROM accounts WHERE balance = 0;
  END;

CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, msg TEXT);

SET FOREIGN_KEY_CHECKS = 0;
LOCK TABLES accounts WRITE;
