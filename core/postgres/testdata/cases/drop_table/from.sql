CREATE TABLE keep_me (
  id integer PRIMARY KEY,
  note text
);

CREATE TABLE legacy_log (
  id serial PRIMARY KEY,
  message text NOT NULL,
  keep_id integer REFERENCES keep_me (id),
  at timestamptz DEFAULT now()
);

CREATE INDEX legacy_log_at_idx ON legacy_log (at);
