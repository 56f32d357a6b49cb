CREATE TABLE memberships (
  user_id integer NOT NULL,
  group_id integer NOT NULL,
  PRIMARY KEY (user_id, group_id)
);

CREATE TABLE events (
  id integer PRIMARY KEY,
  payload text
);

CREATE TABLE tags (
  id integer,
  name text
);
