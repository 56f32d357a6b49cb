CREATE TABLE members (
  id integer PRIMARY KEY,
  email text NOT NULL,
  name text,
  tags jsonb,
  created_at timestamptz,
  deleted_at timestamptz
);

CREATE INDEX members_live_idx ON members (created_at DESC) WHERE deleted_at IS NULL AND name IS NOT NULL;
CREATE UNIQUE INDEX members_lower_email_idx ON members (lower(email));
CREATE INDEX members_tags_idx ON members USING gin (tags);
CREATE INDEX members_email_pattern_idx ON members (email text_pattern_ops);
CREATE UNIQUE INDEX members_email_incl_idx ON members (email) INCLUDE (name);
CREATE INDEX members_name_len_idx ON members ((length(name) + 1));
