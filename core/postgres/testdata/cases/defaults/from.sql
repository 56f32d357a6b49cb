CREATE TABLE settings (
  id integer PRIMARY KEY,
  theme text,
  retries integer DEFAULT 1,
  touched_at timestamptz DEFAULT now(),
  mode varchar(10) DEFAULT 'x',
  extra jsonb,
  starts_on date,
  ratio numeric(5,2) DEFAULT 1.5,
  enabled boolean DEFAULT false
);
