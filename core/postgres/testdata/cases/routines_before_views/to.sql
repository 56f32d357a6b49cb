CREATE TABLE people (
  id SERIAL PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL
);

CREATE VIEW people_names AS SELECT id, full_name(first_name, last_name) AS name FROM people;

CREATE FUNCTION full_name(first TEXT, last TEXT) RETURNS TEXT
  LANGUAGE SQL IMMUTABLE
  AS $$ SELECT first || ' ' || last $$;
