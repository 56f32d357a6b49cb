CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE,
  username TEXT,
  first TEXT,
  last TEXT,
  CONSTRAINT users_name_key UNIQUE (first, last)
);
