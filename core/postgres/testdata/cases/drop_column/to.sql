CREATE TABLE profiles (
  id integer PRIMARY KEY,
  bio text
);
