INSERT INTO t_plain_to_always VALUES (1, 'a'), (2, 'b');
INSERT INTO t_bydefault_to_always (n) VALUES ('a'), ('b');
INSERT INTO t_serial_to_identity (n) VALUES ('a'), ('b');
INSERT INTO t_identity_to_serial (n) VALUES ('a'), ('b');
INSERT INTO t_serial_to_plain (n) VALUES ('a'), ('b');
INSERT INTO t_plain_to_serial VALUES (1, 'a'), (2, 'b');
