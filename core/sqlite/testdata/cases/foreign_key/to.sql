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
  -- changed: actions added
  user_id INTEGER REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- added
  editor_id INTEGER CONSTRAINT posts_editor_fk REFERENCES users (id) ON DELETE SET NULL,
  org_id INTEGER,
  org_region TEXT,
  -- dropped
  reviewer_id INTEGER,
  -- added, two columns
  FOREIGN KEY (org_id, org_region) REFERENCES orgs (id, region) ON DELETE RESTRICT
);
