CREATE TABLE memberships (
  user_id integer NOT NULL,
  group_id integer NOT NULL,
  PRIMARY KEY (user_id)
);

CREATE TABLE events (
  id integer,
  payload text
);

CREATE TABLE tags (
  id integer CONSTRAINT tags_pk PRIMARY KEY,
  name text
);
