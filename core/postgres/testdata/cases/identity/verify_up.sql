INSERT INTO t_plain_to_always (n) VALUES ('c');
INSERT INTO t_serial_to_identity (n) VALUES ('c');
INSERT INTO t_identity_to_serial (n) VALUES ('c');
INSERT INTO t_plain_to_serial (n) VALUES ('c');
SELECT (SELECT max(id) FROM t_plain_to_always) = 3
   AND (SELECT max(id) FROM t_serial_to_identity) = 3
   AND (SELECT max(id) FROM t_identity_to_serial) = 3
   AND (SELECT max(id) FROM t_plain_to_serial) = 3;
