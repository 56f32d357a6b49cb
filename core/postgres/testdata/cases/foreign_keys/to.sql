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
  user_id integer REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
  editor_id integer,
  author_id integer,
  org_id integer REFERENCES orgs (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT posts_author_fk FOREIGN KEY (author_id, org_id) REFERENCES users (id, org_id) ON DELETE RESTRICT
);
