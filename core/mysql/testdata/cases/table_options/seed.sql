INSERT INTO events (name) VALUES ('launch');
