CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  mail TEXT
);

CREATE INDEX people_mail_idx ON people (mail);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER REFERENCES people (id),
  body TEXT
);
