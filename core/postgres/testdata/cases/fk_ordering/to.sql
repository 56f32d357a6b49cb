CREATE TABLE comments (
  id integer PRIMARY KEY,
  post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id integer REFERENCES users (id)
);

CREATE TABLE posts (
  id integer PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id)
);

CREATE TABLE users (
  id integer PRIMARY KEY,
  org_id integer REFERENCES orgs (id),
  manager_id integer REFERENCES users (id)
);

CREATE TABLE orgs (
  id integer PRIMARY KEY,
  owner_id integer REFERENCES users (id)
);
