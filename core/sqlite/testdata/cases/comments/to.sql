-- SQLite cannot store comments (there is no COMMENT ON): comments in schema files are
-- ordinary SQL comments, and changing them plans nothing.
CREATE TABLE users ( -- people who can sign in
  id INTEGER PRIMARY KEY, -- the rowid
  email TEXT NOT NULL -- unique in practice
);
