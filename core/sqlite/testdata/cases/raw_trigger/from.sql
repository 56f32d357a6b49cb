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
  INSERT INTO audit (msg) VALUES ('insert ' || NEW.id);
END;

CREATE TRIGGER users_gone AFTER DELETE ON users
BEGIN
  INSERT INTO audit (msg) VALUES ('delete');
END;
