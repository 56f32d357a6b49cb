CREATE TABLE people (
  id serial PRIMARY KEY,
  mail varchar(255) UNIQUE,
  name text CHECK (name <> '')
);

CREATE INDEX people_name_idx ON people (name);

CREATE TABLE pets (
  id integer PRIMARY KEY,
  owner_id integer REFERENCES people (id)
);
