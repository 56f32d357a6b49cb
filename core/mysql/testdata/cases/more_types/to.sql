CREATE TABLE samples (
  id INT PRIMARY KEY,
  tiny TINYINT UNSIGNED NOT NULL DEFAULT 0,
  small SMALLINT,
  medium MEDIUMINT,
  ratio DOUBLE,
  approx FLOAT,
  initial CHAR(1),
  doc JSON,
  tags SET('a', 'b', 'c') DEFAULT 'a,b',
  yr YEAR,
  raw_hash BINARY(16),
  payload BLOB,
  flags BIT(3) DEFAULT b'101',
  at_time TIME(3),
  born DATE DEFAULT '2000-01-01',
  essay MEDIUMTEXT,
  amount DECIMAL(20,6) DEFAULT -1.5
);
