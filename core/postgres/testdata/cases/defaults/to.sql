CREATE TABLE settings (
  id integer PRIMARY KEY,
  theme text DEFAULT 'light',
  retries integer DEFAULT -5,
  touched_at timestamptz,
  mode varchar(10) DEFAULT 'y',
  extra jsonb DEFAULT '{"a": 1}',
  starts_on date DEFAULT CURRENT_DATE,
  ratio numeric(5,2) DEFAULT 2.25,
  enabled boolean DEFAULT true
);
