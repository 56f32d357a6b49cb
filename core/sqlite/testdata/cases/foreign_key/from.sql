CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE
);

CREATE TABLE orgs (
  id INTEGER NOT NULL,
  region TEXT NOT NULL,
  PRIMARY KEY (id, region)
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users (id),
  editor_id INTEGER,
  org_id INTEGER,
  org_region TEXT,
  reviewer_id INTEGER REFERENCES users (id)
);
