-- email becomes NOT NULL: accounts is rebuilt. Its index, the views over it and the
-- triggers that mention it are dropped and created again; entries keeps its rows and its
-- foreign key.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL DEFAULT '',
  balance INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX accounts_email_idx ON accounts (email);

CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  amount INTEGER NOT NULL
);

CREATE VIEW rich AS SELECT id, email FROM accounts WHERE balance > 100;
CREATE VIEW rich_emails AS SELECT email FROM rich;

CREATE TRIGGER entries_apply AFTER INSERT ON entries
BEGIN
  UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;

CREATE TRIGGER accounts_no_negative BEFORE UPDATE OF balance ON accounts
WHEN NEW.balance < 0
BEGIN
  SELECT RAISE(ABORT, 'negative balance');
END;
