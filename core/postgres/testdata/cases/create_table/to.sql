CREATE TYPE account_status AS ENUM ('active', 'inactive');

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name text,
  "Display Name" text,
  balance numeric(12,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
  flags integer[] DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{}',
  status account_status NOT NULL DEFAULT 'active',
  code char(3),
  ratio double precision,
  score real,
  small smallint DEFAULT -1,
  born date DEFAULT '2000-01-01',
  wake time,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamp DEFAULT CURRENT_TIMESTAMP,
  token uuid DEFAULT gen_random_uuid(),
  data bytea,
  active boolean DEFAULT true,
  ttl interval DEFAULT interval '1 day',
  "order" integer,
  nickname varchar(40) COLLATE "C"
);

CREATE INDEX accounts_name_idx ON accounts (name);
