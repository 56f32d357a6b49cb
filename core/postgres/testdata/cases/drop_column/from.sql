CREATE TABLE profiles (
  id integer PRIMARY KEY,
  bio text,
  legacy_score integer NOT NULL DEFAULT 0 CHECK (legacy_score >= 0),
  avatar_url varchar(500)
);

CREATE INDEX profiles_legacy_score_idx ON profiles (legacy_score);
