INSERT INTO keep_me VALUES (1, 'one'), (2, 'two');
INSERT INTO legacy_log (message, keep_id) VALUES ('hello', 1);
