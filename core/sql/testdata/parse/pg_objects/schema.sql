-- Enums, indexes, ALTER TABLE, comments and views, PostgreSQL flavour.
CREATE TYPE mood AS ENUM ('happy', 'sad', 'it''s complicated');
CREATE TYPE app.level AS ENUM ('low', 'high');

CREATE TABLE people (
    id        integer PRIMARY KEY,
    email     text NOT NULL,
    name      text,
    feeling   mood NOT NULL DEFAULT 'happy',
    history   mood[],
    lvl       app.level,
    doc       jsonb,
    deleted_at timestamptz,
    org_id    integer
);

CREATE TABLE orgs (id integer PRIMARY KEY, name text NOT NULL);

CREATE INDEX people_email_idx ON people (email);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS people_email_live
    ON public.people USING btree (lower(email)) INCLUDE (name) WHERE deleted_at IS NULL;
CREATE INDEX ON people USING gin (doc jsonb_path_ops);
CREATE INDEX people_name_desc ON people (name DESC NULLS LAST, email COLLATE "C", (id + 1));
CREATE INDEX ON people ((lower(name)), id);

ALTER TABLE people ADD CONSTRAINT people_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE SET NULL;
ALTER TABLE ONLY people ADD COLUMN nickname varchar(30) NOT NULL DEFAULT '' CHECK (nickname <> 'root');
ALTER TABLE people ADD UNIQUE (email, org_id);
ALTER TABLE people ALTER COLUMN name SET NOT NULL, ALTER COLUMN doc SET DEFAULT '{}'::jsonb;
ALTER TABLE orgs ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE orgs ADD COLUMN created_at timestamptz GENERATED ALWAYS AS (now()) STORED;
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE people IS 'Everyone we know';
COMMENT ON COLUMN people.email IS 'primary contact';
COMMENT ON COLUMN public.people.name IS 'to be cleared';
COMMENT ON COLUMN people.name IS NULL;
COMMENT ON FUNCTION now() IS 'not modelled';

CREATE VIEW people_named AS SELECT id, name FROM people WHERE name IS NOT NULL;
CREATE OR REPLACE VIEW app.people_count (n) AS
    SELECT count(*)   -- counts everyone
    FROM people;
CREATE MATERIALIZED VIEW people_moods AS SELECT feeling, count(*) AS n FROM people GROUP BY feeling WITH NO DATA;

INSERT INTO orgs (id, name) VALUES (1, 'acme');
SET search_path = public;
CREATE UNIQUE INDEX people_moods_feeling ON people_moods (feeling);
