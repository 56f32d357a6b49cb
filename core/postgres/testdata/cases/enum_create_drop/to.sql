CREATE TYPE size AS ENUM ('s', 'm', 'l');

CREATE TABLE shirts (
  id integer PRIMARY KEY,
  size size NOT NULL DEFAULT 'm'
);
