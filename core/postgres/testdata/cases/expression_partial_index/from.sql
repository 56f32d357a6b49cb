CREATE TABLE members (
  id integer PRIMARY KEY,
  email text NOT NULL,
  name text,
  tags jsonb,
  created_at timestamptz,
  deleted_at timestamptz
);

CREATE INDEX members_live_idx ON members (created_at) WHERE deleted_at IS NULL;
