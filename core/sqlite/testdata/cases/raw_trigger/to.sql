CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT,
  updated_at TEXT
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  msg TEXT NOT NULL
);

CREATE TRIGGER users_audit AFTER INSERT ON users
BEGIN
  INSERT INTO audit (msg) VALUES ('created user ' || NEW.id || ': ' || NEW.name);
END;

CREATE TRIGGER users_touch AFTER UPDATE OF name ON users
BEGIN
  UPDATE users SET updated_at = 'now' WHERE id = NEW.id;
END;
