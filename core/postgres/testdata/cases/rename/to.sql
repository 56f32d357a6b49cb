-- flash:renamed_from people
CREATE TABLE persons (
  id serial PRIMARY KEY,
  email varchar(255) UNIQUE, -- flash:renamed_from mail
  name text CHECK (name <> '')
);

CREATE INDEX persons_name_idx ON persons (name);

CREATE TABLE pets (
  id integer PRIMARY KEY,
  person_id integer REFERENCES persons (id) -- flash:renamed_from owner_id
);
