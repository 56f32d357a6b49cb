CREATE TYPE color AS ENUM ('red', 'green');

CREATE TABLE shirts (
  id integer PRIMARY KEY
);
