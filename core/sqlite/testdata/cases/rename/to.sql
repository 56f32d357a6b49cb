CREATE TABLE users ( -- flash:renamed_from people
  id INTEGER PRIMARY KEY,
  full_name TEXT NOT NULL, -- flash:renamed_from name
  email TEXT -- flash:renamed_from mail
);

CREATE INDEX people_mail_idx ON users (email);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER REFERENCES users (id),
  body TEXT
);
