CREATE TABLE notes (
  id integer PRIMARY KEY,
  title text,
  body text NOT NULL
);
