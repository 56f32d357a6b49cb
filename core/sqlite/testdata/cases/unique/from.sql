CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT,
  username TEXT,
  first TEXT,
  last TEXT,
  CONSTRAINT users_username_key UNIQUE (username),
  CONSTRAINT users_name_key UNIQUE (first)
);
