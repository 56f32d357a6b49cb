INSERT INTO t_serial_to_plain (n) VALUES ('c');
SELECT (SELECT max(id) FROM t_serial_to_plain) = 3 AND (SELECT count(*) FROM t_plain_to_always) = 3;
