CREATE TABLE orgs (
  id integer PRIMARY KEY
);

CREATE TABLE users (
  id integer PRIMARY KEY,
  org_id integer NOT NULL,
  UNIQUE (id, org_id)
);

CREATE TABLE posts (
  id integer PRIMARY KEY,
  user_id integer REFERENCES users (id),
  editor_id integer,
  author_id integer,
  org_id integer,
  CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id) ON DELETE CASCADE
);
