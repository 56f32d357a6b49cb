-- Expressions the catalog prints back differently from how they were written (casts added,
-- IN as = ANY (ARRAY[..]), BETWEEN split, LIKE as ~~, SIMILAR TO as similar_to_escape, views
-- with qualified columns and added aliases, numbers re-spelled): inspecting this schema must
-- give no difference from parsing it.
--
-- Column defaults that are time, timestamp or interval literals compare by value ('08:00' is
-- stored as '08:00:00', '30 minutes' as '00:30:00'). Known limits, not covered: such literals
-- inside expressions (a timestamp literal '2020-01-01' compared with a timestamptz becomes
-- '2020-01-01 00:00:00+00', interval '1 hour' in an expression becomes '01:00:00').
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, active boolean, score integer, org_id integer, created_at timestamptz, name varchar(50),
  CONSTRAINT c1 CHECK (score IS NULL OR score >= 0),
  CONSTRAINT c2 CHECK (NOT (email = '')),
  CONSTRAINT c3 CHECK (CASE WHEN active THEN score > 0 ELSE true END),
  CONSTRAINT c5 CHECK (email ~ '^[a-z]+@'),
  CONSTRAINT c6 CHECK (char_length(name) BETWEEN 2 AND 50),
  CONSTRAINT c7 CHECK (coalesce(score, 0) < 1000000),
  CONSTRAINT c8 CHECK (score % 2 = 0 OR score IS NULL),
  CONSTRAINT c9 CHECK (name IS DISTINCT FROM email),
  CONSTRAINT c10 CHECK (upper(name) <> 'X' AND lower(email) NOT IN ('a', 'b')),
  CONSTRAINT c11 CHECK (score::numeric / 2 > 0.5 OR score IS NULL),
  CONSTRAINT c12 CHECK (created_at < now() + interval '1 day'),
  CONSTRAINT c13 CHECK (-score < 10),
  CONSTRAINT c14 CHECK (email SIMILAR TO '%@%'),
  CONSTRAINT c15 CHECK (EXTRACT(YEAR FROM created_at) > 2000),
  CONSTRAINT c16 CHECK (score = ANY (ARRAY[1, 2, 3]))
);
CREATE TABLE orgs (id integer PRIMARY KEY, name text, d1 numeric DEFAULT 1.50, d2 text DEFAULT 'it''s', d3 timestamptz DEFAULT now() + interval '1 day',
  d4 date DEFAULT CURRENT_DATE, d5 text DEFAULT lower('ABC'), d6 integer[] DEFAULT ARRAY[1,2], d7 numeric(10,2) DEFAULT -0.5, d8 bigint DEFAULT 10000000000,
  d9 text DEFAULT NULL, d10 varchar(5) DEFAULT 'ab', d11 timestamp DEFAULT LOCALTIMESTAMP, d12 double precision DEFAULT 1e10, d13 boolean DEFAULT (NOT false),
  d14 jsonb DEFAULT '[]'::jsonb, d15 uuid DEFAULT md5('x')::uuid, d16 text DEFAULT ('a' || 'b'), d17 interval DEFAULT '02:00:00',
  d18 time DEFAULT '08:00', d19 interval DEFAULT '30 minutes', d20 timestamp DEFAULT '2024-01-01', d21 interval DEFAULT '1 year 2 months 3 days 04:05');
CREATE INDEX i1 ON users ((score + 1), lower(email) DESC);
CREATE INDEX i2 ON users (created_at) WHERE active AND score > 10;
CREATE INDEX i3 ON users (email) WHERE email LIKE '%@x.com' OR name IN ('a', 'b');
CREATE INDEX i4 ON users (date_trunc('day', created_at AT TIME ZONE 'UTC'));
CREATE VIEW v1 AS SELECT u.id, o.name AS org FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.active;
CREATE VIEW v2 AS SELECT org_id, count(*) AS n, avg(score) FROM users GROUP BY org_id HAVING count(*) > 1;
CREATE VIEW v3 AS SELECT DISTINCT email FROM users ORDER BY email LIMIT 10;
CREATE VIEW v4 AS WITH big AS (SELECT id FROM users WHERE score > 100) SELECT id FROM big;
CREATE VIEW v5 AS SELECT id FROM users UNION SELECT id FROM orgs;
CREATE VIEW v6 AS SELECT id, CASE WHEN score > 10 THEN 'hi' ELSE 'lo' END AS band FROM users;
CREATE VIEW v7 AS SELECT id, row_number() OVER (PARTITION BY org_id ORDER BY score DESC) AS rn FROM users;
CREATE VIEW v8 AS SELECT id FROM users WHERE org_id IN (SELECT id FROM orgs WHERE name IS NOT NULL);
CREATE VIEW v9 AS SELECT id FROM users WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = users.org_id);
CREATE VIEW v10 AS SELECT users.* FROM users;
CREATE VIEW v11 AS SELECT id, email || '!' AS loud, score * 2 AS doubled, now() AS t FROM users;
CREATE VIEW v12 AS SELECT u.id FROM users AS u INNER JOIN orgs AS o USING (id) CROSS JOIN orgs o2;
CREATE VIEW v13 AS SELECT id, created_at::date AS day, CAST(score AS bigint) AS s FROM users;
CREATE VIEW v14 AS SELECT id FROM users WHERE score BETWEEN 1 AND 5 AND email NOT LIKE 'x%' AND name IS NOT NULL;
CREATE VIEW v15 AS SELECT count(*) FILTER (WHERE active) AS actives FROM users;
CREATE VIEW v16 AS SELECT id, coalesce(name, email) AS label, 1 AS one, 'x' AS lit, true AS t FROM users;
CREATE VIEW v17 AS SELECT id FROM users ORDER BY score DESC NULLS LAST, id;
CREATE VIEW v18 AS SELECT * FROM users WHERE score > 0;
CREATE VIEW v19 AS SELECT o.name, (SELECT count(*) FROM users u WHERE u.org_id = o.id) AS members FROM orgs o;
CREATE VIEW v20 AS SELECT id FROM users WHERE created_at > now() - interval '7 days';
